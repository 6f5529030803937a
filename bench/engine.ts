import { sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { type Database, type Db, rowsOf } from "@/db/client";
import { migrate } from "@/db/migrate";
import { createUser, createWorkflow } from "@/db/testing/factories";
import { chain, graph, task } from "@/lib/engine/testing";
import { startRun } from "@/lib/engine/runtime/start";
import { createBoss, startBoss } from "@/lib/engine/runtime/queue";
import { startEngine } from "@/lib/engine/runtime/worker";
import { type Summary, summarize } from "./stats";

/**
 * The engine's throughput: RUNS runs of a 5-task chain with a no-op executor, against a raw loop of the
 * same queue (pg-boss, the same work options) doing the same chains of jobs with nothing else: each
 * handler completes its job and sends the next. Both in this process, one after the other.
 */

export const ENGINE_RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const TASKS = ["t1", "t2", "t3", "t4", "t5"];

export type EngineFigures = {
  driver: string;
  runs: number;
  tasks: number;
  engineMs: number;
  rawMs: number;
  /** Queued → started (ms), per task that went through the queue. */
  readyToStarted: Summary;
  /** Tasks started at once by the worker that made them ready (eager dispatch). */
  eager: number;
  /** Job created → handler called, per job of the raw loop (ms). */
  rawLatency: Summary;
};

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 600_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const count = async (db: Db, q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await db.execute(q))[0]?.n ?? 0);

/** The engine: start every run, wait for all to complete; figures from the task rows. */
async function measureEngineRuns(database: Database): Promise<{ ms: number; readyToStarted: Summary; eager: number }> {
  const { db } = database;
  const owner = await createUser(db, { name: "Bench Engine" });
  const g = graph(TASKS.map((id) => task(id, { executor: { kind: "transform", output: {} } })), chain(...TASKS));
  const wf = await createWorkflow(db, { ownerUserId: owner.id, stages: [{ name: "Run", type: "AUTOMATION", taskGraph: g }, { name: "Done" }] });
  const engine = await startEngine({ database, embedded: database.driver === "pglite", concurrency: Number(process.env.BENCH_CONCURRENCY ?? 4), executors: { transform: async () => ({}) } });
  try {
    const start = performance.now();
    for (let i = 0; i < ENGINE_RUNS; i++) {
      await db.transaction((tx) =>
        startRun(tx, { workflowId: wf.id, stageId: wf.stages[0]!.id, definitionVersion: wf.version, origin: "api", initiatorId: owner.id, input: { i } }),
      );
    }
    await until(async () => (await count(db, sql`select count(*)::int as n from runs where status = 'completed'`)) >= ENGINE_RUNS, "the engine's runs");
    const ms = performance.now() - start;
    const rows = rowsOf<{ d: number }>(
      await db.execute(sql`select extract(epoch from started_at - queued_at) * 1000 as d from task_runs where started_at is not null and queued_at is not null`),
    ).map((r) => Number(r.d));
    // A task a worker took in the transaction that made it ready starts at once (eager); the others waited in the queue.
    return { ms, readyToStarted: summarize(rows.filter((d) => d > 0)), eager: rows.filter((d) => d === 0).length };
  } finally {
    await engine.stop();
  }
}

/** The raw loop: the same chains as bare jobs on a pg-boss queue with the engine's work options. */
async function measureRawLoop(database: Database): Promise<{ ms: number; latency: Summary }> {
  const boss: PgBoss = createBoss(database.queue);
  await startBoss(boss);
  const name = "bench-raw";
  await boss.createQueue(name, { notify: true });
  const latencies: number[] = [];
  let done = 0;
  await boss.work<{ chain: number; step: number; sentAt: number }>(
    name,
    { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 1, burstWhenBatchFull: true, batchSize: 8, localConcurrency: 4 },
    async (jobs) => {
      for (const j of jobs) {
        latencies.push(Date.now() - j.data.sentAt);
        if (j.data.step < TASKS.length) await boss.send(name, { chain: j.data.chain, step: j.data.step + 1, sentAt: Date.now() });
        else done++;
      }
    },
  );
  try {
    const start = performance.now();
    for (let i = 0; i < ENGINE_RUNS; i++) await boss.send(name, { chain: i, step: 1, sentAt: Date.now() });
    await until(async () => done >= ENGINE_RUNS, "the raw loop");
    return { ms: performance.now() - start, latency: summarize(latencies) };
  } finally {
    await boss.stop({ graceful: true, timeout: 5_000 });
  }
}

/** Migrates `database` and measures the raw loop, then the engine. */
export async function measureEngine(database: Database): Promise<EngineFigures> {
  await migrate(database.db);
  const raw = await measureRawLoop(database);
  const engine = await measureEngineRuns(database);
  return {
    driver: database.driver,
    runs: ENGINE_RUNS,
    tasks: ENGINE_RUNS * TASKS.length,
    engineMs: engine.ms,
    rawMs: raw.ms,
    readyToStarted: engine.readyToStarted,
    eager: engine.eager,
    rawLatency: raw.latency,
  };
}
