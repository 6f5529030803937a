import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Run, type TaskRun, taskRuns } from "@/db/schema";
import type { Task } from "../graph-schema";
import { loopDecision, retryDelayMs } from "../plan";
import { type Eager, advanceRun } from "./advance";
import { type PinnedStage, requirePinnedStage } from "./definitions";
import { appendRunEvents } from "./events";
import { schemaErrors } from "./json-check";
import { QUEUES, wake } from "./queue";
import { lockRunWithTasks, runScope } from "./state";

/**
 * The end of one task attempt, success or failure. Both take the run lock, then change the task only if
 * it is still the attempt that was claimed (`status`, `attempt`): a late, duplicated or cancelled
 * attempt changes nothing and reports false.
 */

export type Settle = { runId: string; taskRunId: string; attempt: number };

type Locked = { run: Run; task: TaskRun; tasks: Map<string, TaskRun>; def: Task; pinned: PinnedStage };

async function lockAttempt(tx: Db, s: Settle): Promise<Locked | null> {
  const locked = await lockRunWithTasks(tx, s.runId);
  if (!locked) return null;
  const { run, tasks } = locked;
  const task = [...tasks.values()].find((t) => t.id === s.taskRunId);
  if (!task) return null;
  if (run.status === "completed" || run.status === "failed" || run.status === "cancelled") return null;
  if (task.attempt !== s.attempt || (task.status !== "running" && task.status !== "waiting")) return null;
  const pinned = await requirePinnedStage(tx, run);
  const def = pinned.graph.tasks.find((t) => t.id === task.taskKey);
  if (!def) return null;
  return { run, task, tasks, def, pinned };
}

/** Marks the claimed attempt as still current and changes it; false when someone else already did. */
async function update(tx: Db, task: TaskRun, set: Partial<typeof taskRuns.$inferInsert>): Promise<boolean> {
  const rows = await tx
    .update(taskRuns)
    .set(set)
    .where(and(eq(taskRuns.id, task.id), eq(taskRuns.status, task.status), eq(taskRuns.attempt, task.attempt)))
    .returning({ id: taskRuns.id });
  return rows.length === 1;
}

/**
 * Records a task's output: checked against its output schema (a mismatch is a failure carrying the schema
 * errors), then its loop decides whether it runs again; otherwise it completes and the run moves on.
 */
export async function completeTask(tx: Db, s: Settle, output: unknown, eager?: Eager): Promise<boolean> {
  const locked = await lockAttempt(tx, s);
  if (!locked) return false;
  const { run, task, tasks, def, pinned } = locked;
  const problems = def.outputSchema ? schemaErrors(def.outputSchema, output) : [];
  if (problems.length) {
    return failLocked(tx, locked, `The output does not match the task's output schema: ${problems.join("; ")}.`, true, { schemaErrors: problems, output });
  }
  const now = new Date();
  const started = task.startedAt?.getTime() ?? now.getTime();
  const decision = def.loop ? loopDecision(def, output, task.iteration, await runScope(tx, run, pinned.graph)) : "done";
  if (decision === "exhausted") {
    return failLocked(tx, locked, `It ran ${task.iteration} times without meeting its loop condition (the most allowed is ${def.loop!.maxIterations}).`, false, { output });
  }
  if (decision === "again") {
    if (!(await update(tx, task, { status: "queued", iteration: task.iteration + 1, attempt: 0, output, queuedAt: now, leaseUntil: null, workerId: null }))) return false;
    await appendRunEvents(tx, run.id, [{ type: "task.iteration", taskKey: task.taskKey, payload: { iteration: task.iteration, output } }]);
    await wake(tx, [{ name: QUEUES.task, data: { taskRunId: task.id, runId: run.id } }]);
    return true;
  }
  // Checked above under the run lock, on rows read after taking it: the step's one write records it.
  tasks.set(task.taskKey, { ...task, status: "completed", output, error: null, finishedAt: now, leaseUntil: null, waitingFor: null });
  const completed = { type: "task.completed", taskKey: task.taskKey, payload: { attempt: task.attempt, iteration: task.iteration, durationMs: now.getTime() - started } };
  await advanceRun(tx, run, pinned, { known: tasks, changed: [task.taskKey], events: [completed], eager });
  return true;
}

/**
 * Records a failed attempt. A retryable failure with attempts left is queued again after the retry
 * policy's backoff; otherwise the task fails, and with it the run.
 */
export async function failTask(tx: Db, s: Settle, error: string, retryable: boolean, details?: unknown): Promise<boolean> {
  const locked = await lockAttempt(tx, s);
  return locked ? failLocked(tx, locked, error, retryable, details) : false;
}

async function failLocked(tx: Db, { run, task, tasks, def, pinned }: Locked, error: string, retryable: boolean, details?: unknown): Promise<boolean> {
  const now = new Date();
  const delay = retryable ? retryDelayMs(def.retry, task.attempt) : null;
  if (delay !== null) {
    if (!(await update(tx, task, { status: "queued", error, errorDetails: details ?? null, queuedAt: now, leaseUntil: null, workerId: null }))) return false;
    await appendRunEvents(tx, run.id, [{ type: "task.retrying", taskKey: task.taskKey, payload: { attempt: task.attempt, delayMs: delay, error } }]);
    await wake(tx, [{ name: QUEUES.task, data: { taskRunId: task.id, runId: run.id }, startAfter: new Date(now.getTime() + delay) }]);
    return true;
  }
  tasks.set(task.taskKey, { ...task, status: "failed", error, errorDetails: details ?? null, finishedAt: now, leaseUntil: null, waitingFor: null });
  const failed = { type: "task.failed", taskKey: task.taskKey, payload: { attempt: task.attempt, error } };
  await advanceRun(tx, run, pinned, { known: tasks, changed: [task.taskKey], events: [failed] });
  return true;
}
