import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type RunEvent, runs } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { FINAL_RUN_STATUSES } from "@/lib/engine/run-state";
import { listRunEvents } from "@/lib/engine/runtime/events";
import { requireRun } from "./access";
import { onRunEvents } from "./live";

/** What the `data` of one run stream message carries: a `run_events` row. */
export type RunEventMessage = { seq: number; type: string; taskKey: string | null; payload: Record<string, unknown>; at: string };

const BATCH = 500;
const POLL_MS = 5_000;
const HEARTBEAT_MS = 20_000;
const RECHECK_ACCESS_MS = 60_000;
/**
 * How long a stream stays open after its run finished. Some events come after the final status, in their
 * own transaction: the item moving on (`item.moved`) once the durable `run.completed` event was handled.
 */
export const END_GRACE_MS = 5_000;

/** One run event as a server-sent message: its seq is the id a reconnecting client resumes after. */
export function formatRunEvent(e: RunEvent): string {
  const data: RunEventMessage = { seq: e.seq, type: e.type, taskKey: e.taskKey, payload: e.payload, at: e.at.toISOString() };
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Server-sent events of one run: every `run_events` row after `after` (all of them by default), in seq
 * order, then each new one as it is committed (woken by NOTIFY, backed by a poll). Access is checked
 * first (an invisible run is NotFound) and again every minute. Once the run is final and everything was
 * sent, it ends with an `end` message, `graceMs` after the run finished, so clients stop reconnecting.
 */
export async function runEventStream(opts: {
  database: Database;
  actor: Actor;
  runId: string;
  after?: number;
  signal: AbortSignal;
  graceMs?: number;
}): Promise<ReadableStream<Uint8Array>> {
  const { database, actor, signal } = opts;
  const db = database.db;
  const { run } = await requireRun(db, actor, opts.runId, "READ");
  const graceMs = opts.graceMs ?? END_GRACE_MS;
  let cursor = opts.after ?? 0;
  const encoder = new TextEncoder();
  // A wake-up that lands while the loop is reading is kept, so the next wait does not sleep through it.
  let woken = false;
  let resolveWait: () => void = () => {};
  const wake = () => {
    woken = true;
    resolveWait();
  };
  let unsubscribe = () => {};
  let cancelled = false;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      unsubscribe = onRunEvents(database, run.id, wake);
      signal.addEventListener("abort", wake);
      send("retry: 1000\n\n");
      let lastBeat = Date.now();
      let lastCheck = Date.now();
      try {
        while (!signal.aborted && !cancelled) {
          woken = false;
          const events = await listRunEvents(db, run.id, cursor, BATCH);
          for (const e of events) send(formatRunEvent(e));
          if (events.length) {
            cursor = events.at(-1)!.seq;
            lastBeat = Date.now();
          }
          if (events.length === BATCH) continue; // more may be waiting beyond one batch
          const [state] = await db.select({ status: runs.status, lastSeq: runs.lastSeq, finishedAt: runs.finishedAt }).from(runs).where(eq(runs.id, run.id));
          if (!state) break; // the run (or its workflow) was deleted
          let waitMs = POLL_MS;
          if (FINAL_RUN_STATUSES.has(state.status) && cursor >= state.lastSeq) {
            const left = (state.finishedAt?.getTime() ?? Date.now()) + graceMs - Date.now();
            if (left <= 0) {
              send(`event: end\ndata: ${JSON.stringify({ status: state.status, seq: cursor })}\n\n`);
              break;
            }
            waitMs = Math.min(POLL_MS, left);
          }
          if (Date.now() - lastBeat > HEARTBEAT_MS) {
            send(": ping\n\n");
            lastBeat = Date.now();
          }
          if (Date.now() - lastCheck > RECHECK_ACCESS_MS) {
            await requireRun(db, actor, run.id, "READ");
            lastCheck = Date.now();
          }
          if (woken) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            resolveWait = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          resolveWait = () => {};
        }
      } catch {
        // Lost access or the database went away: end the stream; a reconnect is told why (404).
      } finally {
        unsubscribe();
        signal.removeEventListener("abort", wake);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
    },
    cancel() {
      cancelled = true;
      unsubscribe();
      wake();
    },
  });
}
