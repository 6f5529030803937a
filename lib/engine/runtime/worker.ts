import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { Database, Db } from "@/db/client";
import { type Logger, log as rootLog } from "@/lib/log";
import { promotePending } from "./advance";
import { type Executors, defaultExecutors } from "./executors";
import { type WorkerContext, processTask } from "./execute";
import { QUEUES, createBoss, setQueue, startBoss } from "./queue";
import { recoverLostTasks, rewakeQueued } from "./recovery";
import { engineSettings } from "./settings";
import { type TimerJob, fireTimer } from "./timers";

/** A durable event the engine emitted (`run.completed`, …) or a trigger source; see lib/automation. */
export type EngineEvent = { type: string } & Record<string, unknown>;

export type EngineOptions = {
  database: Database;
  /** Replace executors (tests: spies; the benchmark: a no-op; the crash test: a sink writer). */
  executors?: Partial<Executors>;
  /** Task jobs handled at once by this process. */
  concurrency?: number;
  /** Handles durable events: stage flow and triggers. */
  onEvent?: (db: Db, event: EngineEvent) => Promise<void>;
  /** Handles a cron trigger's tick. */
  onCron?: (db: Db, triggerId: string) => Promise<void>;
  /** Runs the orchestrator for an agent-assist recommendation (lib/agents/assist). */
  onAgent?: (db: Db, recommendationId: string) => Promise<void>;
  /** True where no other process can hold tasks (PGlite): every running task at start-up was lost. */
  embedded?: boolean;
  /** Start only the queue (sending wake-ups), without working on jobs: web instances next to separate workers. */
  sendOnly?: boolean;
};

export type Engine = {
  boss: PgBoss;
  workerId: string;
  /** True when this process only sends wake-ups and works on no jobs (workers run elsewhere). */
  sendOnly: boolean;
  /** False once the engine was stopped, or its queue stopped under it: no more jobs are worked on here. */
  running: () => boolean;
  stop: () => Promise<void>;
  sweep: () => Promise<void>;
};

// Ids only: a job's data may hold more than ids (an event's fields), and logs never carry contents.
const jobIds = (data: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(data && typeof data === "object" ? data : {}).filter(([k, v]) => k.endsWith("Id") && typeof v === "string"),
  ) as Record<string, string>;

/**
 * Runs each job of a batch; rethrows when any failed, so the queue retries the batch (claims make
 * repeats harmless). Each failure is logged with its queue, job id and the ids it carries.
 */
async function each<T>(log: Logger, jobs: { id: string; name: string; data: T }[], fn: (data: T) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(jobs.map((j) => fn(j.data)));
  results.forEach((r, i) => {
    if (r.status === "rejected") {
      const job = jobs[i]!;
      log.warn({ err: r.reason, queue: job.name, jobId: job.id, ...jobIds(job.data) }, "job failed; the queue will retry it");
    }
  });
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/**
 * Starts the engine in this process: the queue, then (unless send-only) workers for tasks, timers and
 * events, a cancellation listener and the recovery sweep. The web server calls it at start-up
 * (embedded), `npm run worker` on other machines.
 */
export async function startEngine(opts: EngineOptions): Promise<Engine> {
  const { database } = opts;
  const db = database.db;
  const settings = engineSettings();
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const log = rootLog.child({ component: "engine", workerId });
  const boss = createBoss(database.queue, { works: !opts.sendOnly });
  let stopped = false;
  boss.on("error", (err) => log.error({ err }, "queue error"));
  boss.on("stopped", () => {
    stopped = true;
  });
  await startBoss(boss);
  setQueue(boss);
  const running = () => !stopped;
  const w: WorkerContext = { db, workerId, executors: { ...defaultExecutors, ...opts.executors }, leaseMs: settings.leaseMs, inFlight: new Map() };

  const sweep = async () => {
    try {
      await recoverLostTasks(db);
      await rewakeQueued(db, settings.leaseMs);
      await db.transaction(promotePending);
    } catch (err) {
      log.error({ err }, "recovery sweep failed");
    }
  };
  const stop = async () => {
    stopped = true;
    await stopBoss(boss, log);
  };
  if (opts.sendOnly) {
    return { boss, workerId, sendOnly: true, running, sweep, stop };
  }

  if (opts.embedded) await recoverLostTasks(db, { all: true });
  // At start, any queued task without a waiting job lost its wake-up (or it was queued where no queue ran).
  await rewakeQueued(db, 0).catch((err) => log.error({ err }, "waking queued tasks at start failed"));
  await sweep();
  // NOTIFY wakes workers when a job is sent; delayed jobs (retry backoff, timers) are found by polling,
  // so the poll interval bounds how late a retry or a timer can be.
  const fast = { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 1, burstWhenBatchFull: true } as const;
  await boss.work<{ taskRunId: string; runId?: string }>(
    QUEUES.task,
    { ...fast, batchSize: 8, localConcurrency: opts.concurrency ?? 4 },
    (jobs) => each(log, jobs, (d) => processTask(w, d.taskRunId, d.runId)),
  );
  await boss.work<TimerJob>(QUEUES.timer, { ...fast, batchSize: 4 }, (jobs) => each(log, jobs, (d) => fireTimer(db, d)));
  await boss.work<EngineEvent>(QUEUES.event, { ...fast, batchSize: 4 }, (jobs) =>
    each(log, jobs, (d) => opts.onEvent?.(db, d) ?? Promise.resolve()),
  );
  await boss.work<{ triggerId: string }>(QUEUES.cron, { pollingIntervalSeconds: 2 }, (jobs) =>
    each(log, jobs, (d) => opts.onCron?.(db, d.triggerId) ?? Promise.resolve()),
  );
  // Model calls are slow and few: two at a time, so they never crowd out task work.
  await boss.work<{ recommendationId: string }>(QUEUES.agent, { ...fast, batchSize: 1, localConcurrency: 2 }, (jobs) =>
    each(log, jobs, (d) => opts.onAgent?.(db, d.recommendationId) ?? Promise.resolve()),
  );
  const unlisten = await database.listen("tandem_task_cancel", (runId) => {
    for (const f of w.inFlight.values()) if (f.runId === runId) f.controller.abort();
  });
  const timer = setInterval(() => void sweep(), settings.sweepMs);
  timer.unref?.();
  return {
    boss,
    workerId,
    sendOnly: false,
    running,
    sweep,
    stop: async () => {
      clearInterval(timer);
      await unlisten().catch(() => {});
      for (const f of w.inFlight.values()) f.controller.abort();
      await stop();
    },
  };
}

async function stopBoss(boss: PgBoss, log: Logger) {
  setQueue(null);
  await boss.stop({ graceful: true, timeout: 5_000 }).catch((err) => log.error({ err }, "stopping the queue failed"));
}
