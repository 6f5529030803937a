import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runEvents, runs } from "@/db/schema";

/** The NOTIFY channel that wakes open run streams; the payload is the run id. */
export const RUN_EVENTS_CHANNEL = "tandem_run_events";

export type RunEventInput = { type: string; taskKey?: string | null; payload?: Record<string, unknown> };

/**
 * Appends events to a run's story with the next `seq` numbers. The counter lives on the run row, so the
 * update takes the row lock: seqs are strictly increasing and gap-free, and listeners are told at commit.
 */
export async function appendRunEvents(tx: Db, runId: string, events: RunEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const [row] = await tx
    .update(runs)
    .set({ lastSeq: sql`${runs.lastSeq} + ${events.length}`, updatedAt: new Date() })
    .where(eq(runs.id, runId))
    .returning({ lastSeq: runs.lastSeq });
  if (!row) return;
  const first = row.lastSeq - events.length + 1;
  await tx.insert(runEvents).values(
    events.map((e, i) => ({ runId, seq: first + i, type: e.type, taskKey: e.taskKey ?? null, payload: e.payload ?? {} })),
  );
  await tx.execute(sql`select pg_notify(${RUN_EVENTS_CHANNEL}, ${runId})`);
}

/** Events of a run after `afterSeq`, oldest first. Callers have checked access to the run. */
export async function listRunEvents(db: Db, runId: string, afterSeq = 0, limit = 500) {
  return db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), gt(runEvents.seq, afterSeq)))
    .orderBy(asc(runEvents.seq))
    .limit(limit);
}
