import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, type Db, openPglite, rowsOf } from "@/db/client";
import { createTestDatabase, drivers } from "@/db/testing/database";
import { migrate } from "@/db/migrate";
import { chain, graph, task } from "../../testing";
import { startRun } from "../start";
import { automationWorkflow } from "../testing";

/**
 * The durability promise, tested with a real crash: a child process works through 100 runs of a 5-task
 * graph whose tasks write a side effect keyed by their idempotency key; it is killed with SIGKILL
 * mid-way, a new process takes over, and every run completes with each task completed exactly once and
 * no side effect written twice.
 */

const RUNS = 100;
const TASKS = ["t1", "t2", "t3", "t4", "t5"];
const g = graph(
  TASKS.map((id) => task(id, { executor: { kind: "transform", output: {} } })),
  chain(...TASKS),
);
const childEnv = { ...process.env, TANDEM_TASK_LEASE_MS: "1500", TANDEM_SWEEP_MS: "300" };
const child = (target: string, mode?: string): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "child.ts"), target, ...(mode ? [mode] : [])], {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });

/** Resolves once the child printed `line` `count` times (or exited); keeps its stderr for failures. */
function waitForLines(p: ChildProcess, line: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    let err = "";
    let buf = "";
    p.stderr!.on("data", (d) => (err += d));
    p.stdout!.on("data", (d) => {
      buf += d;
      const lines = buf.split("\n");
      buf = lines.pop()!;
      seen += lines.filter((l) => l === line).length;
      if (seen >= count) resolve(seen);
    });
    p.on("exit", (code) => (seen >= count ? resolve(seen) : reject(new Error(`child exited (${code}) after ${seen} × "${line}": ${err.slice(-2000)}`))));
  });
}

async function prepare(db: Db): Promise<void> {
  await db.execute(sql`create table crash_sink (key text primary key, run_id uuid not null, task_key text not null)`);
  await db.execute(sql`create table crash_calls (id bigserial primary key, key text not null)`);
  const w = await automationWorkflow(db, g);
  for (let i = 0; i < RUNS; i++) {
    await db.transaction((tx) =>
      startRun(tx, { workflowId: w.wf.id, stageId: w.stage.id, definitionVersion: w.wf.version, origin: "api", initiatorId: w.owner.id, input: { i } }),
    );
  }
}

const count = async (db: Db, query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await db.execute(query))[0]!.n);

for (const driver of drivers) {
  describe(`a worker killed with SIGKILL mid-way [${driver}]`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tandem-crash-"));
    let database: Database | undefined;
    afterAll(async () => {
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("loses no step and repeats no side effect", async () => {
      // PGlite is one process at a time: set up, close, let the children open it, reopen to check.
      let target: string;
      if (driver === "pglite") {
        target = path.join(dir, "pgdata");
        const setup = await openPglite(target);
        await migrate(setup.db);
        await prepare(setup.db);
        await setup.close();
      } else {
        database = await createTestDatabase("postgres");
        target = (database.queue as { url: string }).url;
        await prepare(database.db);
      }

      const first = child(target);
      await waitForLines(first, "sink", 150);
      first.kill("SIGKILL");
      await new Promise((r) => first.once("exit", r));

      const second = child(target, "--drain");
      await waitForLines(second, "drained", 1);

      if (driver === "pglite") database = await openPglite(target);
      const db = database!.db;
      const total = RUNS * TASKS.length;
      expect(await count(db, sql`select count(*)::int as n from runs where status = 'completed'`)).toBe(RUNS);
      expect(await count(db, sql`select count(*)::int as n from task_runs where status = 'completed'`)).toBe(total);
      expect(await count(db, sql`select count(*)::int as n from crash_sink`)).toBe(total);
      expect(await count(db, sql`select count(distinct (run_id, task_key))::int as n from crash_sink`)).toBe(total);
      const completions = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from run_events where type = 'task.completed' group by run_id, task_key`),
      );
      expect(completions).toHaveLength(total);
      expect(completions.every((c) => Number(c.n) === 1)).toBe(true);
      const calls = await count(db, sql`select count(*)::int as n from crash_calls`);
      expect(calls).toBeGreaterThanOrEqual(total);
      console.log(`[crash ${driver}] ${calls} executor calls for ${total} tasks (${calls - total} repeated after the kill, absorbed by idempotency keys)`);
    }, 180_000);
  });
}
