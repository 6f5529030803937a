// `npm run worker`: an extra engine worker on any machine that reaches the same PostgreSQL.
// The embedded database (PGlite) is one process only: there the web server runs the worker itself.
import { openPostgres } from "@/db/client";
import { migrate } from "@/db/migrate";
import { startAppEngine } from "@/lib/automation/engine";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      "[tandem] npm run worker needs DATABASE_URL: the embedded database belongs to the web server, which already runs a worker. " +
        "Point DATABASE_URL at the PostgreSQL the web server uses.",
    );
    process.exit(1);
  }
  const database = await openPostgres(url);
  await migrate(database.db);
  const engine = await startAppEngine(database, { embedded: false, sendOnly: false });
  console.log(`[tandem] worker ${engine.workerId} started`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("[tandem] worker stopping: finishing tasks in hand…");
    await engine.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err) => {
  console.error(`[tandem] worker cannot start: ${(err as Error).message}`);
  process.exit(1);
});
