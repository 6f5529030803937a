import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Run, runs, taskRuns } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/log";
import { downstreamOf } from "@/lib/engine/plan";
import { advanceRun, finishRun, hasSlot, syncWaitingStatus } from "@/lib/engine/runtime/advance";
import { requirePinnedStage } from "@/lib/engine/runtime/definitions";
import { appendRunEvents } from "@/lib/engine/runtime/events";
import { QUEUES, wake } from "@/lib/engine/runtime/queue";
import { loadTasks, lockRun } from "@/lib/engine/runtime/state";
import { Conflict, Invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireRun } from "./access";
import { retryRunInput, runRef } from "./schemas";

/**
 * What people (and programs) do to a run: pause, resume, cancel, retry from a task. Each needs WRITE on
 * the workflow, takes the run lock, checks the run is in a state that allows it, and is audited.
 */

const ACTIVE = new Set(["pending", "running", "paused", "waiting_approval"]);

async function withRun<T>(db: Db, actor: Actor, input: unknown, fn: (tx: Db, run: Run) => Promise<T>): Promise<T> {
  const { runId } = parseInput(runRef, input);
  const { run } = await requireRun(db, actor, runId, "WRITE");
  return db.transaction(async (tx) => fn(tx, (await lockRun(tx, run.id))!));
}

async function audit(tx: Db, actor: Actor, action: string, run: Run, details: Record<string, unknown> = {}) {
  await appendAudit(tx, {
    actorId: actor.userId,
    action,
    targetType: "run",
    targetId: run.id,
    requestId: actor.requestId,
    details: { workflowId: run.workflowId, ...details },
  });
}

/** Pauses a run: tasks already running finish, no new task starts until it is resumed. */
export async function pauseRun(db: Db, actor: Actor, input: unknown): Promise<Run> {
  return withRun(db, actor, input, async (tx, run) => {
    if (run.status !== "running" && run.status !== "waiting_approval") {
      throw new Conflict(`This run is ${run.status.replace("_", " ")}; only a running run can be paused.`);
    }
    const now = new Date();
    const [updated] = await tx.update(runs).set({ status: "paused", pausedAt: now, updatedAt: now }).where(eq(runs.id, run.id)).returning();
    await appendRunEvents(tx, run.id, [{ type: "run.paused", payload: { by: actor.name } }]);
    await audit(tx, actor, "run.pause", run);
    return updated!;
  });
}

/** Resumes a paused run: its queued tasks are woken again. */
export async function resumeRun(db: Db, actor: Actor, input: unknown): Promise<Run> {
  return withRun(db, actor, input, async (tx, run) => {
    if (run.status !== "paused") throw new Conflict(`This run is ${run.status.replace("_", " ")}, not paused.`);
    await tx.update(runs).set({ status: "running", pausedAt: null, updatedAt: new Date() }).where(eq(runs.id, run.id));
    run.status = "running";
    await appendRunEvents(tx, run.id, [{ type: "run.resumed", payload: { by: actor.name } }]);
    const tasks = await loadTasks(tx, run.id);
    const queued = [...tasks.values()].filter((t) => t.status === "queued");
    await wake(tx, queued.map((t) => ({ name: QUEUES.task, data: { taskRunId: t.id, runId: run.id } })));
    await syncWaitingStatus(tx, run, tasks);
    await advanceRun(tx, run);
    await audit(tx, actor, "run.resume", run);
    return (await tx.select().from(runs).where(eq(runs.id, run.id)))[0]!;
  });
}

/** Cancels a run: tasks not finished are cancelled, and running ones are told to stop. */
export async function cancelRun(db: Db, actor: Actor, input: unknown): Promise<Run> {
  return withRun(db, actor, input, async (tx, run) => {
    if (!ACTIVE.has(run.status)) throw new Conflict(`This run is already ${run.status}.`);
    await finishRun(tx, run, "cancelled", { reason: `Cancelled by ${actor.name}.`, actorId: actor.userId });
    await audit(tx, actor, "run.cancel", run);
    return (await tx.select().from(runs).where(eq(runs.id, run.id)))[0]!;
  });
}

/**
 * Runs a failed (or cancelled) run again from one of its failed or cancelled tasks: that task and
 * everything after it start over, and so do other tasks the failure stopped; completed outputs are kept.
 */
export async function retryRun(db: Db, actor: Actor, input: unknown): Promise<Run> {
  const { runId, taskKey } = parseInput(retryRunInput, input);
  return withRun(db, actor, { runId }, async (tx, run) => {
    if (run.status !== "failed" && run.status !== "cancelled") {
      throw new Conflict(`This run is ${run.status.replace("_", " ")}; only a failed or cancelled run can be retried.`);
    }
    const pinned = await requirePinnedStage(tx, run);
    const tasks = await loadTasks(tx, run.id);
    const from = tasks.get(taskKey);
    if (!from || !pinned.graph.tasks.some((t) => t.id === taskKey)) {
      throw new Invalid(`This run has no task “${taskKey}”.`, { taskKey: ["Not a task of this run."] });
    }
    if (from.status !== "failed" && from.status !== "cancelled") {
      throw new Conflict(`“${taskKey}” ${from.status === "completed" ? "completed" : `is ${from.status}`}; retry from a failed or cancelled task.`);
    }
    const reset = new Set(downstreamOf(pinned.graph, taskKey));
    for (const t of tasks.values()) if (t.status === "failed" || t.status === "cancelled") reset.add(t.taskKey);
    await tx
      .update(taskRuns)
      .set({ status: "pending", attempt: 0, iteration: 1, output: null, error: null, errorDetails: null, input: null, startedAt: null, finishedAt: null, queuedAt: null, waitingFor: null, leaseUntil: null, workerId: null })
      .where(and(eq(taskRuns.runId, run.id), inArray(taskRuns.taskKey, [...reset])));
    const admitted = await hasSlot(tx, run.workflowId, pinned.definition.settings?.maxConcurrentRuns ?? null);
    const now = new Date();
    const status = admitted ? "running" : "pending";
    await tx.update(runs).set({ status, finishedAt: null, error: null, output: null, updatedAt: now }).where(eq(runs.id, run.id));
    Object.assign(run, { status, finishedAt: null, error: null });
    await appendRunEvents(tx, run.id, [{ type: "run.retried", taskKey, payload: { by: actor.name, reset: [...reset] } }]);
    if (admitted) await advanceRun(tx, run, pinned);
    await audit(tx, actor, "run.retry", run, { taskKey });
    return (await tx.select().from(runs).where(eq(runs.id, run.id)))[0]!;
  });
}
