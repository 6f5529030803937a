import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireWorkflow } from "@/lib/workflows/access";
import { type BoardCard, toCard } from "./board-json";
import { latestItemEventSeq } from "./events";
import { onWorkflowItemsChanged } from "./live";
import { getBoardChanges } from "./queries";

/** What one `changes` message of the board stream carries. */
export type BoardChanges = { cursor: number; items: BoardCard[]; removed: string[]; actorIds: string[] };

const POLL_MS = 5_000;
const HEARTBEAT_MS = 20_000;
const RECHECK_ACCESS_MS = 60_000;

/**
 * Server-sent events for an open board: a `changes` message (the changed cards themselves) after
 * every committed change, woken by NOTIFY and backed by a poll. Access is checked first and again
 * every minute, so someone removed from the team stops receiving changes.
 */
export async function boardEventStream(opts: {
  database: Database;
  actor: Actor;
  workflowId: string;
  after?: number;
  signal: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const { database, actor, signal } = opts;
  const wf = await requireWorkflow(database.db, actor, opts.workflowId, "READ");
  let cursor = opts.after ?? (await latestItemEventSeq(database.db, wf.id));
  const encoder = new TextEncoder();
  let wake: () => void = () => {};
  let unsubscribe = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      unsubscribe = onWorkflowItemsChanged(database, wf.id, () => wake());
      signal.addEventListener("abort", () => wake());
      send(`retry: 1000\nevent: ready\ndata: ${JSON.stringify({ cursor })}\n\n`);
      let lastBeat = Date.now();
      let lastCheck = Date.now();
      try {
        while (!signal.aborted) {
          const changes = await getBoardChanges({ db: database.db, workflowId: wf.id, afterSeq: cursor });
          if (changes) {
            cursor = changes.cursor;
            const body: BoardChanges = { ...changes, items: changes.items.map(toCard) };
            send(`id: ${cursor}\nevent: changes\ndata: ${JSON.stringify(body)}\n\n`);
            continue; // more may be waiting beyond one batch
          }
          if (Date.now() - lastBeat > HEARTBEAT_MS) {
            send(": ping\n\n");
            lastBeat = Date.now();
          }
          if (Date.now() - lastCheck > RECHECK_ACCESS_MS) {
            await requireWorkflow(database.db, actor, wf.id, "READ");
            lastCheck = Date.now();
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      } catch {
        // Lost access or the database went away: end the stream; the browser reconnects and is told why.
      } finally {
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
    },
    cancel() {
      unsubscribe();
      wake();
    },
  });
}
