import { type SQL, and, asc, eq, gt, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { type TaskRun, runEvents, runs, taskRuns, triggers } from "@/db/schema";
import type { RunPatch } from "./step";

/** The NOTIFY channel that wakes open run streams; the payload is the run id. */
export const RUN_EVENTS_CHANNEL = "tandem_run_events";

export type RunEventInput = { type: string; taskKey?: string | null; payload?: Record<string, unknown> };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What one step writes; see `Step` (step.ts). `expectSeq`: write only if the run's `last_seq` is still this. */
export type StepWrite = {
  runId: string;
  rows?: TaskRun[];
  cancelled?: TaskRun[];
  events: RunEventInput[];
  patch?: RunPatch;
  /** Tell workers running this run's tasks to stop (the run ended with tasks running). */
  stopRunning?: boolean;
  expectSeq?: number;
  /** Write only if no enabled event trigger watches this workflow (`watched` tells when one does). */
  unlessWatched?: string;
};

export type StepWritten = { applied: boolean; lastSeq: number; pendingRuns: boolean; watched: boolean };

function patchSql(p: RunPatch = {}): SQL {
  const sets: SQL[] = [];
  if (p.status !== undefined) sets.push(sql`status = ${p.status}::run_status`);
  if ("output" in p) sets.push(sql`output = ${p.output == null ? null : JSON.stringify(p.output)}::jsonb`);
  if ("error" in p) sets.push(sql`error = ${p.error ?? null}`);
  if ("finishedAt" in p) sets.push(sql`finished_at = ${iso(p.finishedAt)}::timestamptz`);
  if ("pausedAt" in p) sets.push(sql`paused_at = ${iso(p.pausedAt)}::timestamptz`);
  return sets.length ? sql`, ${sql.join(sets, sql`, `)}` : sql``;
}

/**
 * Writes one step of a run in a single statement: the run row first (its event counter, the columns the
 * step sets; with `expectSeq`, only if no other step wrote since it was read), then the task rows the
 * step changed (whole, as the step holds them), the status of the attempts it cancelled, and its events
 * with their seqs, notifying at commit. `applied` is false when `expectSeq` no longer held: nothing was
 * written; otherwise `lastSeq` is the run's counter after the step. Only rows the step changed are
 * written, so a running task's lease renewal is never overwritten.
 */
export async function writeRunStep(db: Db, w: StepWrite): Promise<StepWritten> {
  const { runId, events } = w;
  const rows = JSON.stringify(
    (w.rows ?? []).map((t) => ({
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
  const watchers = sql`select 1 from ${triggers} where kind = 'event' and enabled and config->>'sourceWorkflowId' = ${w.unlessWatched ?? null}`;
  const guard = sql`${w.expectSeq === undefined ? sql`` : sql` and last_seq = ${w.expectSeq}`}${w.unlessWatched ? sql` and not exists (${watchers})` : sql``}`;
  const ended = w.patch?.status === "completed" || w.patch?.status === "failed" || w.patch?.status === "cancelled";
  // Only the parts this step needs: planning a statement is a good part of its cost, on PGlite above all.
  const parts: SQL[] = [
    sql`s as (
      update ${runs} set last_seq = last_seq + ${events.length}, updated_at = now()${patchSql(w.patch)}
      where id = ${runId}${guard} returning last_seq)`,
  ];
  if (w.rows?.length) {
    parts.push(sql`u as (
      update ${taskRuns} t set status = v.status, attempt = v.attempt, iteration = v.iteration, input = v.input, output = v.output,
        error = v.error, error_details = v.error_details, waiting_for = v.waiting_for, queued_at = v.queued_at,
        started_at = v.started_at, finished_at = v.finished_at, lease_until = v.lease_until, worker_id = v.worker_id
      from s, jsonb_to_recordset(${rows}::jsonb) as v(
        id uuid, status task_status, attempt int, iteration int, input jsonb, output jsonb, error text, error_details jsonb,
        waiting_for text, queued_at timestamptz, started_at timestamptz, finished_at timestamptz, lease_until timestamptz, worker_id text)
      where t.id = v.id and t.run_id = ${runId})`);
  }
  if (w.cancelled?.length) {
    parts.push(sql`c as (
      update ${taskRuns} t set status = 'cancelled', finished_at = now(), lease_until = null
      from s where t.run_id = ${runId} and t.id in (select jsonb_array_elements_text(${JSON.stringify(w.cancelled.map((t) => t.id))}::jsonb)::uuid)
        and t.status in ('pending', 'queued', 'running', 'waiting'))`);
  }
  if (events.length) {
    parts.push(sql`e as (
      insert into ${runEvents} (run_id, seq, type, task_key, payload)
      select ${runId}::uuid, s.last_seq - ${events.length} + e.i, e.type, e.task_key, e.payload
      from s, jsonb_to_recordset(${evs}::jsonb) as e(i int, type text, task_key text, payload jsonb))`);
  }
  const columns: SQL[] = [sql`(select last_seq from s) as last_seq`];
  if (events.length) columns.push(sql`(select pg_notify(${RUN_EVENTS_CHANNEL}, ${runId}) from s) as notified`);
  if (w.stopRunning) columns.push(sql`(select pg_notify('tandem_task_cancel', ${runId}) from s) as stopped`);
  if (ended) columns.push(sql`exists (select 1 from ${runs} where status = 'pending') as pending`);
  if (w.unlessWatched) columns.push(sql`exists (${watchers}) as watched`);
  const [row] = rowsOf<{ last_seq: number | null; pending?: boolean; watched?: boolean }>(
    await db.execute(sql`with ${sql.join(parts, sql`, `)} select ${sql.join(columns, sql`, `)}`),
  );
  const lastSeq = row?.last_seq;
  return { applied: lastSeq != null, lastSeq: Number(lastSeq ?? 0), pendingRuns: row?.pending === true, watched: row?.watched === true };
}

/**
 * Appends events to a run's story with the next `seq` numbers. The counter lives on the run row, so the
 * update takes the row lock: seqs are strictly increasing and gap-free, and listeners are told at commit.
 */
export async function appendRunEvents(tx: Db, runId: string, events: RunEventInput[]): Promise<void> {
  if (events.length) await writeRunStep(tx, { runId, events });
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
