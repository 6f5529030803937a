import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { type Run, type RunOrigin, runEvents, runs, taskRuns } from "@/db/schema";
import { workflowSecrets } from "@/lib/secrets/workflow-secrets";
import { finishRun } from "./advance";
import { type PinnedStage, pinnedStage } from "./definitions";
import { RUN_EVENTS_CHANNEL } from "./events";
import { QUEUES, type Wake, wake } from "./queue";
import { engineSettings } from "./settings";
import { lockRun } from "./state";

export type StartRunInput = {
  workflowId: string;
  stageId: string;
  definitionVersion: number;
  workItemId?: string | null;
  input?: unknown;
  origin: RunOrigin;
  initiatorId: string | null;
  conversationId?: string | null;
  timeoutMs?: number | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Creates a run of a stage's task graph at a pinned version, inside the caller's transaction: the run
 * row, one task row per task, and, when the limits allow, its first tasks queued and workers woken.
 * Otherwise it waits as `pending` until a slot frees. Returns null when the stage has no tasks to run.
 * Callers have checked the actor's access.
 *
 * One statement: admission under the limits (`tandem_admit`, which serializes admissions), then the run,
 * its tasks and its first events.
 */
export async function startRun(tx: Db, input: StartRunInput, pinned?: PinnedStage | null): Promise<Run | null> {
  const stage = pinned ?? (await pinnedStage(tx, input.workflowId, input.definitionVersion, input.stageId));
  if (!stage) return null;
  const now = new Date();
  const id = randomUUID();
  const timeoutMs = input.timeoutMs ?? stage.stage.runTimeoutMs ?? null;
  const deadline = timeoutMs ? new Date(now.getTime() + timeoutMs) : null;
  const workflowLimit = stage.definition.settings?.maxConcurrentRuns ?? null;
  // With every task pending, the ready ones are exactly those nothing points at: queued at once when admitted.
  const hasIncoming = new Set(stage.graph.edges.map((e) => e.to));
  const tasks = stage.graph.tasks.map((t) => ({ id: randomUUID(), task_key: t.id, root: !hasIncoming.has(t.id) }));
  const events = [
    { seq: 1, type: "run.created", payload: { origin: input.origin, definitionVersion: input.definitionVersion, initiatorId: input.initiatorId } },
    { seq: 2, type: "run.started", payload: { timeoutMs } },
  ];
  const [row] = rowsOf<{ admitted: boolean }>(
    await tx.execute(sql`
      with a as (
        select tandem_admit(${input.workflowId}, ${workflowLimit}::int, ${engineSettings().maxActiveRuns}::int) as admitted
      ), r as (
        insert into ${runs} (id, workflow_id, work_item_id, stage_id, definition_version, status, origin, input, initiator_id,
          conversation_id, timeout_ms, deadline_at, last_seq, created_at, started_at, updated_at)
        select ${id}, ${input.workflowId}, ${input.workItemId ?? null}, ${input.stageId}, ${input.definitionVersion},
          (case when a.admitted then 'running' else 'pending' end)::run_status, ${input.origin}, ${JSON.stringify(input.input ?? {})}::jsonb,
          ${input.initiatorId}, ${input.conversationId ?? null}, ${timeoutMs}::int,
          case when a.admitted then ${iso(deadline)}::timestamptz end, case when a.admitted then 2 else 1 end,
          ${iso(now)}::timestamptz, case when a.admitted then ${iso(now)}::timestamptz end, ${iso(now)}::timestamptz
        from a
        returning id
      ), t as (
        insert into ${taskRuns} (id, run_id, task_key, status, queued_at)
        select v.id, r.id, v.task_key, (case when a.admitted and v.root then 'queued' else 'pending' end)::task_status,
          case when a.admitted and v.root then ${iso(now)}::timestamptz end
        from jsonb_to_recordset(${JSON.stringify(tasks)}::jsonb) as v(id uuid, task_key text, root boolean), a, r
      ), e as (
        insert into ${runEvents} (run_id, seq, type, payload)
        select r.id, e.seq, e.type, e.payload from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as e(seq int, type text, payload jsonb), a, r
        where e.seq = 1 or a.admitted
      )
      select a.admitted, pg_notify(${RUN_EVENTS_CHANNEL}, ${id}) as notified from a`),
  );
  const admitted = row?.admitted === true;
  const run: Run = {
    id,
    workflowId: input.workflowId,
    workItemId: input.workItemId ?? null,
    stageId: input.stageId,
    definitionVersion: input.definitionVersion,
    status: admitted ? "running" : "pending",
    origin: input.origin,
    input: input.input ?? {},
    output: null,
    error: null,
    initiatorId: input.initiatorId,
    conversationId: input.conversationId ?? null,
    pausedAt: null,
    timeoutMs,
    deadlineAt: admitted ? deadline : null,
    lastSeq: admitted ? 2 : 1,
    createdAt: now,
    startedAt: admitted ? now : null,
    finishedAt: null,
    updatedAt: now,
  };
  const needed = stage.definition.settings.requiredSecrets;
  if (needed.length > 0) {
    // Rare: checked after the insert so the common path stays one statement; the run is kept, failed, saying why.
    const { missing } = await workflowSecrets(tx, input.workflowId, needed);
    if (missing) {
      await finishRun(tx, run, "failed", { error: missing });
      return { ...run, status: "failed", error: missing };
    }
  }
  if (!admitted) return run;
  const jobs: Wake[] = tasks.filter((t) => t.root).map((t) => ({ name: QUEUES.task, data: { taskRunId: t.id, runId: id } }));
  if (deadline) jobs.push({ name: QUEUES.timer, data: { kind: "run-deadline", runId: id }, startAfter: deadline });
  await wake(tx, jobs);
  return run;
}

/**
 * Cancels the item's runs still in progress (it left their stage), except those of `keepStageId`.
 * The system does it, so no actor is named.
 */
export async function cancelItemRuns(tx: Db, workItemId: string, reason: string, keepStageId?: string): Promise<number> {
  const active = await tx
    .select({ id: runs.id, stageId: runs.stageId })
    .from(runs)
    .where(and(eq(runs.workItemId, workItemId), inArray(runs.status, ["pending", "running", "paused", "waiting_approval"])));
  let n = 0;
  for (const a of active) {
    if (a.stageId === keepStageId) continue;
    const run = await lockRun(tx, a.id);
    if (!run || run.status === "completed" || run.status === "failed" || run.status === "cancelled") continue;
    await finishRun(tx, run, "cancelled", { reason });
    n++;
  }
  return n;
}
