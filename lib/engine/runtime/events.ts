import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type TaskRun, runEvents, runs, taskRuns } from "@/db/schema";

/** The NOTIFY channel that wakes open run streams; the payload is the run id. */
export const RUN_EVENTS_CHANNEL = "tandem_run_events";

export type RunEventInput = { type: string; taskKey?: string | null; payload?: Record<string, unknown> };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Writes one step of a run in a single statement: the task rows it changed (whole, as the caller holds
 * them under the run lock, read after taking it) and its events with their seqs, notifying at commit.
 * Only rows the step changed are written, so a running task's lease renewal is never overwritten.
 */
export async function writeRunStep(tx: Db, runId: string, changed: TaskRun[], events: RunEventInput[]): Promise<void> {
  if (changed.length === 0 && events.length === 0) return;
  const rows = JSON.stringify(
    changed.map((t) => ({
      id: t.id,
      status: t.status,
      attempt: t.attempt,
      iteration: t.iteration,
      input: t.input ?? null,
      output: t.output ?? null,
      error: t.error,
      error_details: t.errorDetails ?? null,
      waiting_for: t.waitingFor,
      queued_at: iso(t.queuedAt),
      started_at: iso(t.startedAt),
      finished_at: iso(t.finishedAt),
      lease_until: iso(t.leaseUntil),
      worker_id: t.workerId,
    })),
  );
  const evs = JSON.stringify(events.map((e, i) => ({ i: i + 1, type: e.type, task_key: e.taskKey ?? null, payload: e.payload ?? {} })));
  await tx.execute(sql`
    with v as (
      select * from jsonb_to_recordset(${rows}::jsonb) as v(
        id uuid, status task_status, attempt int, iteration int, input jsonb, output jsonb, error text, error_details jsonb,
        waiting_for text, queued_at timestamptz, started_at timestamptz, finished_at timestamptz, lease_until timestamptz, worker_id text)
    ), u as (
      update ${taskRuns} t set status = v.status, attempt = v.attempt, iteration = v.iteration, input = v.input, output = v.output,
        error = v.error, error_details = v.error_details, waiting_for = v.waiting_for, queued_at = v.queued_at,
        started_at = v.started_at, finished_at = v.finished_at, lease_until = v.lease_until, worker_id = v.worker_id
      from v where t.id = v.id and t.run_id = ${runId}
      returning t.id
    ), s as (
      update ${runs} set last_seq = last_seq + ${events.length}, updated_at = now() where id = ${runId} and ${events.length} > 0 returning last_seq
    ), ins as (
      insert into ${runEvents} (run_id, seq, type, task_key, payload)
      select ${runId}::uuid, s.last_seq - ${events.length} + e.i, e.type, e.task_key, e.payload
      from s, jsonb_to_recordset(${evs}::jsonb) as e(i int, type text, task_key text, payload jsonb)
    )
    select (select count(*) from u) as updated, (select pg_notify(${RUN_EVENTS_CHANNEL}, ${runId}) from s) as notified`);
}

/**
 * Appends events to a run's story with the next `seq` numbers. The counter lives on the run row, so the
 * update takes the row lock: seqs are strictly increasing and gap-free, and listeners are told at commit.
 */
export async function appendRunEvents(tx: Db, runId: string, events: RunEventInput[]): Promise<void> {
  await writeRunStep(tx, runId, [], events);
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
