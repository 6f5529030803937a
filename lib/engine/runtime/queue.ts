import { sql } from "drizzle-orm";
import { type DrizzleTransactionLike, PgBoss, fromDrizzle, fromPglite } from "pg-boss";
import type { Db, QueueConnection } from "@/db/client";

/**
 * The job queue (pg-boss) and the one way the engine uses it: to wake workers. Every job is sent inside
 * the transaction of the state change it announces, so a committed change always has its wake-up and a
 * rolled-back one never does. Jobs carry ids only; the state they point at is in `runs` and `task_runs`.
 */

export const QUEUES = {
  /** `{taskRunId}`: claim and run one queued task. */
  task: "tandem-task",
  /** `{kind, runId, taskRunId?, iteration?}`: a delay ending, an approval's or a run's time running out. */
  timer: "tandem-timer",
  /** `{type, ...}`: something happened that stage flow and triggers react to. */
  event: "tandem-event",
  /** `{triggerId}`: a cron trigger's schedule came round. */
  cron: "tandem-cron",
  /** `{recommendationId}`: an item entered an agent-assist stage; the orchestrator proposes a plan. */
  agent: "tandem-agent",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type Wake = { name: QueueName; data: Record<string, unknown>; startAfter?: Date };

const globalKey = Symbol.for("tandem.queue");
type GlobalWithQueue = typeof globalThis & { [globalKey]?: PgBoss | null };

/**
 * The names processes register under in pg-boss's instance registry (`pgboss.instance`, one row per
 * PgBoss object, refreshed on a heartbeat): one that works on jobs, or one that only sends wake-ups.
 */
export const INSTANCE_NAMES = { worker: "tandem-worker", sender: "tandem-sender" } as const;
/** How often each process refreshes its registry row; it reads as gone after three missed beats. */
export const INSTANCE_HEARTBEAT_SECONDS = 10;

/** Creates a pg-boss instance on the app's database connection (not started). */
export function createBoss(conn: QueueConnection, opts: { works?: boolean } = {}): PgBoss {
  const common = {
    schedule: true,
    supervise: true,
    migrate: true,
    persistWarnings: false,
    instanceName: opts.works === false ? INSTANCE_NAMES.sender : INSTANCE_NAMES.worker,
    instanceHeartbeatSeconds: INSTANCE_HEARTBEAT_SECONDS,
  } as const;
  return conn.kind === "pglite"
    ? new PgBoss({ ...common, db: fromPglite(conn.client), backend: "pglite", useListenNotify: true })
    : new PgBoss({ ...common, connectionString: conn.url, max: Number(process.env.TANDEM_QUEUE_POOL ?? 10), useListenNotify: true });
}

/** Starts pg-boss (creating or migrating its schema) and the engine's queues. */
export async function startBoss(boss: PgBoss): Promise<void> {
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    // Retries are the engine's business (task_runs); a job that throws is retried a few times only
    // for infrastructure failures, such as a lost connection mid-handler.
    await boss.createQueue(name, { retryLimit: 5, retryDelay: 1, retryBackoff: true, expireInSeconds: 15 * 60, notify: true });
  }
}

/**
 * Engine workers alive on this database, in any process: registered as workers, not stopped, and
 * heard from within three heartbeats (pg-boss's own `live`). What a web instance can know of workers
 * on other machines without sharing their memory.
 */
export async function countLiveWorkers(boss: PgBoss): Promise<number> {
  const instances = await boss.getInstances();
  return instances.filter((i) => i.live && (i.name === INSTANCE_NAMES.worker || i.workers.some((w) => w.queue === QUEUES.task))).length;
}

/** Makes `boss` the queue that this process's engine sends wake-ups to (null: none, e.g. a script). */
export function setQueue(boss: PgBoss | null): void {
  (globalThis as GlobalWithQueue)[globalKey] = boss;
}

/** The queue of this process, or null when no worker side is running here. */
export function currentQueue(): PgBoss | null {
  return (globalThis as GlobalWithQueue)[globalKey] ?? null;
}

/**
 * Sends wake-ups inside `tx`. With no queue in this process (a script, a test that does not run the
 * engine) it does nothing: the state is already recorded, and a worker's recovery pass wakes it later.
 */
export async function wake(tx: Db, jobs: Wake[]): Promise<void> {
  const boss = currentQueue();
  if (!boss || jobs.length === 0) return;
  const db = fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
  const byQueue = new Map<QueueName, Wake[]>();
  for (const j of jobs) byQueue.set(j.name, [...(byQueue.get(j.name) ?? []), j]);
  for (const [name, list] of byQueue) {
    await boss.insert(
      name,
      list.map((j) => ({ data: j.data, startAfter: j.startAfter })),
      { db },
    );
  }
}
