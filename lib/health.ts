import { sql } from "drizzle-orm";
import type { Database, Driver } from "@/db/client";
import { countLiveWorkers } from "@/lib/engine/runtime/queue";
import type { Engine } from "@/lib/engine/runtime/worker";
import { log } from "@/lib/log";

/**
 * `/api/health`: is the database reachable, and is anything working on jobs.
 *
 * - `embedded` mode (the worker runs in this web process: PGlite, or PostgreSQL without
 *   TANDEM_WORKER=off): the worker's status is this process's own engine, `ok` or `stopped`.
 * - `external` mode (TANDEM_WORKER=off on PostgreSQL; `npm run worker` elsewhere): this process cannot
 *   see their memory, so it reads pg-boss's instance registry. `ok` when at least one worker process
 *   has a live registry row (not stopped, heartbeat within 3 × 10 s), `stopped` when none has, `unknown`
 *   when the registry could not be read.
 * - `workers`: live worker processes on this database, wherever they run (when the registry was read).
 *
 * Status: `error` (HTTP 503) when the database is unreachable; `degraded` (HTTP 200) when the database
 * answers but no worker is running, so runs wait; else `ok`. Degraded stays 200 because taking web
 * instances out of a load balancer would not bring a worker back, and the UI still works.
 */

export type WorkerHealth = {
  status: "ok" | "stopped" | "unknown";
  mode: "embedded" | "external";
  workers?: number;
};

export type Health = {
  status: "ok" | "degraded" | "error";
  database: { status: "ok" | "unreachable"; driver?: Driver };
  worker: WorkerHealth;
};

// Per step; load balancers usually give a health check a few seconds in all.
const TIMEOUT_MS = 3_000;

class TimedOut extends Error {}

/** `p`, or a rejection after `ms`: a health check answers even when the database hangs. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The worker side when this process has no engine handle: where it should run, by configuration. */
function configuredMode(driver: Driver | undefined, env: Record<string, string | undefined>): WorkerHealth["mode"] {
  return driver === "postgres" && env.TANDEM_WORKER === "off" ? "external" : "embedded";
}

/**
 * The health report and its HTTP status. `engine` is this process's engine (undefined when none was
 * started here); `requestId` goes on the log line written when something is down.
 */
export async function checkHealth(o: {
  database: () => Promise<Database>;
  engine: Promise<Engine> | Engine | undefined;
  requestId?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<{ httpStatus: number; body: Health }> {
  const ms = o.timeoutMs ?? TIMEOUT_MS;
  let database: Health["database"] = { status: "unreachable" };
  try {
    const { db, driver } = await within(o.database(), ms, "the database");
    database = { status: "unreachable", driver };
    await within(db.execute(sql`select 1`), ms, "the database");
    database = { status: "ok", driver };
  } catch (err) {
    log.error({ err, requestId: o.requestId }, "health: the database is unreachable");
  }

  let engine: Engine | undefined;
  let starting = false;
  try {
    engine = o.engine ? await within(Promise.resolve(o.engine), ms, "the engine") : undefined;
  } catch (err) {
    starting = err instanceof TimedOut;
    if (!starting) log.warn({ err, requestId: o.requestId }, "health: the engine failed to start");
  }
  const mode = engine ? (engine.sendOnly ? "external" : "embedded") : configuredMode(database.driver, o.env ?? process.env);

  let workers: number | undefined;
  if (engine?.running() && database.status === "ok") {
    try {
      workers = await within(countLiveWorkers(engine.boss), ms, "the instance registry");
    } catch (err) {
      log.warn({ err, requestId: o.requestId }, "health: cannot read the worker registry");
    }
  }

  let status: WorkerHealth["status"];
  if (mode === "embedded") status = starting ? "unknown" : engine?.running() ? "ok" : "stopped";
  else status = workers === undefined ? "unknown" : workers > 0 ? "ok" : "stopped";
  const worker: WorkerHealth = { status, mode, ...(workers !== undefined ? { workers } : {}) };

  if (database.status !== "ok") return { httpStatus: 503, body: { status: "error", database, worker } };
  return { httpStatus: 200, body: { status: status === "stopped" ? "degraded" : "ok", database, worker } };
}
