// A worker process for the crash test: runs the engine on the given database with an executor that
// writes each task's side effect to `crash_sink` (keyed by the task's idempotency key) and logs every
// call to `crash_calls`. Prints "sink" per write so the test knows when to kill it; with `--drain` it
// waits for every run to finish, prints "drained" and exits.
import { sql } from "drizzle-orm";
import { type Database, openPglite, openPostgres } from "@/db/client";
import { startEngine } from "../worker";

const [target, mode] = process.argv.slice(2);

async function open(): Promise<Database> {
  return target!.startsWith("postgres") ? openPostgres(target!) : openPglite(target!);
}

async function main() {
  const database = await open();
  const { db } = database;
  const engine = await startEngine({
    database,
    embedded: database.driver === "pglite",
    concurrency: 4,
    executors: {
      transform: async ({ ctx }) => {
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
        await db.execute(sql`insert into crash_calls (key) values (${ctx.idempotencyKey})`);
        await db.execute(
          sql`insert into crash_sink (key, run_id, task_key) values (${ctx.idempotencyKey}, ${ctx.runId}, ${ctx.taskKey}) on conflict (key) do nothing`,
        );
        process.stdout.write("sink\n");
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        return { wrote: ctx.taskKey };
      },
    },
  });
  if (mode !== "--drain") return; // keep working until killed
  for (;;) {
    const rows = await db.execute(sql`select count(*)::int as n from runs where status not in ('completed', 'failed', 'cancelled')`);
    const n = Number((Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows)[0]?.n ?? 0);
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await engine.stop();
  await database.close();
  process.stdout.write("drained\n");
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
