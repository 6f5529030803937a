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
  const rows = JSON.stringify(events.map((e, i) => ({ i: i + 1, type: e.type, task_key: e.taskKey ?? null, payload: e.payload ?? {} })));
  // One statement: take the seqs on the run row, insert the events, notify at commit.
  await tx.execute(sql`
    with s as (
      update ${runs} set last_seq = last_seq + ${events.length}, updated_at = now() where id = ${runId} returning last_seq
    ), ins as (
      insert into ${runEvents} (run_id, seq, type, task_key, payload)
      select ${runId}::uuid, s.last_seq - ${events.length} + v.i, v.type, v.task_key, v.payload
      from s, jsonb_to_recordset(${rows}::jsonb) as v(i int, type text, task_key text, payload jsonb)
    )
    select pg_notify(${RUN_EVENTS_CHANNEL}, ${runId}) from s`);
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
