import type { Database } from "@/db/client";
import { type Engine, type EngineOptions, startEngine } from "@/lib/engine/runtime/worker";
import { dispatchEvent } from "./dispatch";

/**
 * The engine as the application runs it: stage flow and triggers wired in. The web server starts it at
 * boot (workers inside the web process unless TANDEM_WORKER=off), and `npm run worker` starts it alone.
 */
export function startAppEngine(database: Database, over: Partial<EngineOptions> = {}): Promise<Engine> {
  return startEngine({
    database,
    embedded: database.driver === "pglite",
    sendOnly: process.env.TANDEM_WORKER === "off" && database.driver === "postgres",
    concurrency: Number(process.env.TANDEM_WORKER_CONCURRENCY ?? 4),
    onEvent: (db, event) => dispatchEvent(db, event),
    ...over,
  });
}

const globalKey = Symbol.for("tandem.engine");
type GlobalWithEngine = typeof globalThis & { [globalKey]?: Promise<Engine> };

/** Starts the process's engine once (dev-mode reloads reuse it); a handle, not state. */
export function ensureAppEngine(database: Database): Promise<Engine> {
  const g = globalThis as GlobalWithEngine;
  g[globalKey] ??= startAppEngine(database);
  return g[globalKey];
}
