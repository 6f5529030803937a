import type { Database } from "@/db/client";
import { log } from "@/lib/log";
import { ITEM_EVENTS_CHANNEL } from "./events";

type Wake = () => void;
type Hub = { byWorkflow: Map<string, Set<Wake>>; listening: Promise<unknown> | null };

const hubsKey = Symbol.for("tandem.item-events-hubs");

/**
 * The process's one LISTEN on the item change channel, fanned out to open board streams by workflow.
 * It holds only wake-up callbacks: streams read the changes themselves from `work_item_events`, so a
 * missed notification costs latency (the stream's own poll catches up), never data.
 */
function hub(database: Database): Hub {
  // One hub per database handle (kept on globalThis so dev-mode module reloads share it).
  const g = globalThis as typeof globalThis & { [hubsKey]?: WeakMap<Database, Hub> };
  const hubs = (g[hubsKey] ??= new WeakMap());
  const h = hubs.get(database) ?? { byWorkflow: new Map(), listening: null };
  hubs.set(database, h);
  h.listening ??= database
    .listen(ITEM_EVENTS_CHANNEL, (workflowId) => {
      for (const wake of h.byWorkflow.get(workflowId) ?? []) wake();
    })
    .catch((err) => {
      log.warn({ err, channel: ITEM_EVENTS_CHANNEL }, "LISTEN failed; boards fall back to polling");
      h.listening = null;
    });
  return h;
}

/** Calls `wake` whenever an item of `workflowId` changes (after commit); returns the unsubscribe. */
export function onWorkflowItemsChanged(database: Database, workflowId: string, wake: Wake): () => void {
  const h = hub(database);
  const set = h.byWorkflow.get(workflowId) ?? new Set<Wake>();
  set.add(wake);
  h.byWorkflow.set(workflowId, set);
  return () => {
    set.delete(wake);
    if (set.size === 0) h.byWorkflow.delete(workflowId);
  };
}
