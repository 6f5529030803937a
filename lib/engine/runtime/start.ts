import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Run, type RunOrigin, runs, taskRuns } from "@/db/schema";
import { finishRun, hasSlot, lockAdmission } from "./advance";
import { type PinnedStage, pinnedStage } from "./definitions";
import { appendRunEvents } from "./events";
import { QUEUES, type Wake, wake } from "./queue";
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

/**
 * Creates a run of a stage's task graph at a pinned version, inside the caller's transaction: the run
 * row, one task row per task, and, when the limits allow, its first tasks queued and workers woken.
 * Otherwise it waits as `pending` until a slot frees. Returns null when the stage has no tasks to run.
 * Callers have checked the actor's access.
 */
export async function startRun(tx: Db, input: StartRunInput, pinned?: PinnedStage | null): Promise<Run | null> {
  const stage = pinned ?? (await pinnedStage(tx, input.workflowId, input.definitionVersion, input.stageId));
  if (!stage) return null;
  await lockAdmission(tx);
  const admitted = await hasSlot(tx, input.workflowId, stage.definition.settings?.maxConcurrentRuns ?? null);
  const now = new Date();
  const timeoutMs = input.timeoutMs ?? stage.stage.runTimeoutMs ?? null;
  const deadlineAt = admitted && timeoutMs ? new Date(now.getTime() + timeoutMs) : null;
  const [run] = await tx
    .insert(runs)
    .values({
      workflowId: input.workflowId,
      stageId: input.stageId,
      definitionVersion: input.definitionVersion,
      workItemId: input.workItemId ?? null,
      input: input.input ?? {},
      origin: input.origin,
      initiatorId: input.initiatorId,
      conversationId: input.conversationId ?? null,
      timeoutMs,
      deadlineAt,
      status: admitted ? "running" : "pending",
      startedAt: admitted ? now : null,
    })
    .returning();
  // With every task pending, the ready ones are exactly those nothing points at: queue them at once.
  const hasIncoming = new Set(stage.graph.edges.map((e) => e.to));
  const rows = await tx
    .insert(taskRuns)
    .values(
      stage.graph.tasks.map((t) => {
        const ready = admitted && !hasIncoming.has(t.id);
        return { runId: run!.id, taskKey: t.id, status: ready ? ("queued" as const) : ("pending" as const), queuedAt: ready ? now : null };
      }),
    )
    .returning({ id: taskRuns.id, status: taskRuns.status });
  await appendRunEvents(tx, run!.id, [
    { type: "run.created", payload: { origin: input.origin, definitionVersion: input.definitionVersion, initiatorId: input.initiatorId } },
    ...(admitted ? [{ type: "run.started", payload: { timeoutMs } }] : []),
  ]);
  const jobs: Wake[] = rows.filter((r) => r.status === "queued").map((r) => ({ name: QUEUES.task, data: { taskRunId: r.id, runId: run!.id } }));
  if (deadlineAt) jobs.push({ name: QUEUES.timer, data: { kind: "run-deadline", runId: run!.id }, startAfter: deadlineAt });
  await wake(tx, jobs);
  return run!;
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
