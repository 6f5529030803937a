import type { Database } from "@/db/client";
import { rewakePendingRecommendations, runAgentAssist } from "@/lib/agents/assist";
import { type Engine, type EngineOptions, startEngine } from "@/lib/engine/runtime/worker";
import { log } from "@/lib/log";
import { onCron } from "@/lib/triggers/cron-trigger";
import { onTriggerEvent } from "@/lib/triggers/events";
import { reconcileSchedules } from "@/lib/triggers/schedule";
import { dispatchEvent } from "./dispatch";

/**
 * The engine as the application runs it: stage flow and triggers wired in. The web server starts it at
 * boot (workers inside the web process unless TANDEM_WORKER=off), and `npm run worker` starts it alone.
 */
export async function startAppEngine(database: Database, over: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await startEngine({
    database,
    embedded: database.driver === "pglite",
    sendOnly: process.env.TANDEM_WORKER === "off" && database.driver === "postgres",
    concurrency: Number(process.env.TANDEM_WORKER_CONCURRENCY ?? 4),
    onEvent: (db, event) => dispatchEvent(db, event, async (d, e) => void (await onTriggerEvent(d, e))),
    onCron: async (db, triggerId) => void (await onCron(db, triggerId)),
    onAgent: async (db, recommendationId) => void (await runAgentAssist(db, recommendationId)),
    ...over,
  });
  // Cron triggers changed while no queue ran in their process (a script, a send-only web instance that
  // started later) get their schedules here.
  await reconcileSchedules(database.db, engine.boss).catch((err) =>
    log.error({ err, workerId: engine.workerId }, "triggers: reconciling cron schedules failed"),
  );
  // Embedded, a pending recommendation at start-up lost its worker in a crash: ask again at once rather
  // than when its job expires. On PostgreSQL other workers may hold them; the queue's expiry covers those.
  if (database.driver === "pglite" && process.env.TANDEM_WORKER !== "off") {
    await rewakePendingRecommendations(database.db).catch((err) =>
      log.error({ err, workerId: engine.workerId }, "agents: waking pending recommendations failed"),
    );
  }
  return engine;
}

const globalKey = Symbol.for("tandem.engine");
type GlobalWithEngine = typeof globalThis & { [globalKey]?: Promise<Engine> };

/** The engine this process started (its start may still be in progress), or undefined when none was. */
export function currentAppEngine(): Promise<Engine> | undefined {
  return (globalThis as GlobalWithEngine)[globalKey];
}

/** Starts the process's engine once (dev-mode reloads reuse it); a handle, not state. */
export function ensureAppEngine(database: Database): Promise<Engine> {
  const g = globalThis as GlobalWithEngine;
  g[globalKey] ??= startAppEngine(database);
  return g[globalKey];
}
