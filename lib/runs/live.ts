import type { Database } from "@/db/client";
import { RUN_EVENTS_CHANNEL } from "@/lib/engine/runtime/events";
import { log } from "@/lib/log";

type Wake = () => void;
type Hub = { byRun: Map<string, Set<Wake>>; listening: Promise<unknown> | null };

const hubsKey = Symbol.for("tandem.run-events-hubs");

/**
 * The process's one LISTEN on the run events channel, fanned out to open run streams by run id. Like the
 * board's hub (lib/work-items/live.ts) it holds only wake-up callbacks: streams read `run_events` themselves,
 * so a lost notification costs latency (their poll catches up), never an event.
 */
function hub(database: Database): Hub {
  // One hub per database handle (kept on globalThis so dev-mode module reloads share it).
  const g = globalThis as typeof globalThis & { [hubsKey]?: WeakMap<Database, Hub> };
  const hubs = (g[hubsKey] ??= new WeakMap());
  const h = hubs.get(database) ?? { byRun: new Map(), listening: null };
  hubs.set(database, h);
  h.listening ??= database
    .listen(RUN_EVENTS_CHANNEL, (runId) => {
      for (const wake of h.byRun.get(runId) ?? []) wake();
    })
    .catch((err) => {
      log.warn({ err, channel: RUN_EVENTS_CHANNEL }, "LISTEN on run events failed; run streams fall back to polling");
      h.listening = null;
    });
  return h;
}

/** Calls `wake` whenever events of `runId` are committed; returns the unsubscribe. */
export function onRunEvents(database: Database, runId: string, wake: Wake): () => void {
  const h = hub(database);
  const set = h.byRun.get(runId) ?? new Set<Wake>();
  set.add(wake);
  h.byRun.set(runId, set);
  return () => {
    set.delete(wake);
    if (set.size === 0) h.byRun.delete(runId);
  };
}
