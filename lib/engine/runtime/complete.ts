import { type Db, inTransaction } from "@/db/client";
import type { TaskRun } from "@/db/schema";
import type { Task } from "../graph-schema";
import { loopDecision, retryDelayMs } from "../plan";
import { type Eager, advanceInto, commitStep } from "./advance";
import { type PinnedStage, requirePinnedStage } from "./definitions";
import { schemaErrors } from "./json-check";
import { QUEUES } from "./queue";
import { type RunState, lockRunWithTasks, readRunState, runScope } from "./state";
import { type Step, newStep, setTask, syncWaitingInto } from "./step";

/**
 * The end of one task attempt, success or failure. Each reads the run and its tasks, changes the task
 * only if it is still the attempt that was claimed (`status`, `attempt`) — a late, duplicated or
 * cancelled attempt changes nothing and reports false — and plans what follows as one step.
 *
 * The step is written guarded by the run's event counter (`last_seq`), which every change to a run or
 * its tasks advances: if another step wrote first (siblings finishing together, a pause, a cancel), the
 * write changes nothing and the attempt is read and planned again. After a few rounds it takes the run
 * lock instead, so a busy run cannot starve it. Two statements for a step that sends nothing.
 */

/**
 * The attempt to settle. `state`: the run as this worker's last step wrote it (eager dispatch); the first
 * round plans from it instead of reading, and its guard tells whether anyone wrote since.
 */
export type Settle = { runId: string; taskRunId: string; attempt: number; state?: RunState };

type Attempt = { step: Step; task: TaskRun; def: Task; pinned: PinnedStage; expectSeq: number };

const OPTIMISTIC_ROUNDS = 3;

async function readAttempt(db: Db, s: Settle, how: "known" | "read" | "lock"): Promise<Attempt | null> {
  const state = how === "known" ? s.state : how === "lock" ? await lockRunWithTasks(db, s.runId) : await readRunState(db, s.runId);
  if (!state) return null;
  const { run, tasks } = state;
  const task = [...tasks.values()].find((t) => t.id === s.taskRunId);
  if (!task) return null;
  if (run.status === "completed" || run.status === "failed" || run.status === "cancelled") return null;
  if (task.attempt !== s.attempt || (task.status !== "running" && task.status !== "waiting")) return null;
  const pinned = await requirePinnedStage(db, run);
  const def = pinned.graph.tasks.find((t) => t.id === task.taskKey);
  if (!def) return null;
  return { step: newStep(run, tasks), task, def, pinned, expectSeq: run.lastSeq };
}

async function settle(db: Db, s: Settle, plan: (a: Attempt) => Promise<void>, eager?: Eager): Promise<boolean> {
  const attempt = async (tx: Db, how: "known" | "read" | "lock") => {
    if (eager) eager.taken.length = 0;
    const a = await readAttempt(tx, s, how);
    if (!a) return null;
    await plan(a);
    if (!(await commitStep(tx, a.step, a.expectSeq))) return false;
    if (eager?.taken[0]) eager.taken[0].state = { run: a.step.run, tasks: a.step.tasks };
    return true;
  };
  for (let round = 0; round < OPTIMISTIC_ROUNDS; round++) {
    const done = await attempt(db, round === 0 && s.state ? "known" : "read");
    if (done !== false) return done === true;
  }
  return (await inTransaction(db, (tx) => attempt(tx, "lock"))) === true;
}

/**
 * Records a task's output: checked against its output schema (a mismatch is a failure carrying the schema
 * errors), then its loop decides whether it runs again; otherwise it completes and the run moves on.
 * With `eager`, the worker takes one task this makes ready (see `Eager`).
 */
export async function completeTask(db: Db, s: Settle, output: unknown, eager?: Eager): Promise<boolean> {
  return settle(
    db,
    s,
    async (a) => {
      const { step, task, def, pinned } = a;
      const problems = def.outputSchema ? schemaErrors(def.outputSchema, output) : [];
      if (problems.length) {
        return failInto(db, a, `The output does not match the task's output schema: ${problems.join("; ")}.`, true, { schemaErrors: problems, output });
      }
      const now = new Date();
      const decision = def.loop ? loopDecision(def, output, task.iteration, await runScope(db, step.run, pinned.graph)) : "done";
      if (decision === "exhausted") {
        return failInto(db, a, `It ran ${task.iteration} times without meeting its loop condition (the most allowed is ${def.loop!.maxIterations}).`, false, { output });
      }
      if (decision === "again") {
        setTask(step, { ...task, status: "queued", iteration: task.iteration + 1, attempt: 0, output, queuedAt: now, leaseUntil: null, workerId: null });
        step.events.push({ type: "task.iteration", taskKey: task.taskKey, payload: { iteration: task.iteration, output } });
        step.jobs.push({ name: QUEUES.task, data: { taskRunId: task.id, runId: step.run.id } });
        return syncWaitingInto(step);
      }
      const durationMs = now.getTime() - (task.startedAt?.getTime() ?? now.getTime());
      setTask(step, { ...task, status: "completed", output, error: null, finishedAt: now, leaseUntil: null, waitingFor: null });
      step.events.push({ type: "task.completed", taskKey: task.taskKey, payload: { attempt: task.attempt, iteration: task.iteration, durationMs } });
      await advanceInto(db, step, pinned, eager);
    },
    eager,
  );
}

/**
 * Records a failed attempt. A retryable failure with attempts left is queued again after the retry
 * policy's backoff; otherwise the task fails, and with it the run.
 */
export async function failTask(db: Db, s: Settle, error: string, retryable: boolean, details?: unknown): Promise<boolean> {
  return settle(db, s, (a) => failInto(db, a, error, retryable, details));
}

async function failInto(db: Db, { step, task, def, pinned }: Attempt, error: string, retryable: boolean, details?: unknown): Promise<void> {
  const now = new Date();
  const delay = retryable ? retryDelayMs(def.retry, task.attempt) : null;
  if (delay !== null) {
    setTask(step, { ...task, status: "queued", error, errorDetails: details ?? null, queuedAt: now, leaseUntil: null, workerId: null });
    step.events.push({ type: "task.retrying", taskKey: task.taskKey, payload: { attempt: task.attempt, delayMs: delay, error } });
    step.jobs.push({ name: QUEUES.task, data: { taskRunId: task.id, runId: step.run.id }, startAfter: new Date(now.getTime() + delay) });
    return syncWaitingInto(step);
  }
  setTask(step, { ...task, status: "failed", error, errorDetails: details ?? null, finishedAt: now, leaseUntil: null, waitingFor: null });
  step.events.push({ type: "task.failed", taskKey: task.taskKey, payload: { attempt: task.attempt, error } });
  await advanceInto(db, step, pinned);
}

/**
 * Parks a running attempt until a person decides on its agent call (see `TaskWait`): the task waits for
 * `agent` and the run shows `waiting_approval`. False when the attempt is no longer the task's.
 */
export async function waitTask(db: Db, s: Settle, reason: string, details?: Record<string, unknown>): Promise<boolean> {
  return settle(db, s, async ({ step, task }) => {
    if (task.status !== "running") return;
    setTask(step, { ...task, status: "waiting", waitingFor: "agent", leaseUntil: null, workerId: null });
    step.events.push({ type: "task.waiting", taskKey: task.taskKey, payload: { for: "agent", reason, ...details } });
    syncWaitingInto(step);
  });
}

/**
 * Queues a task that waited for a decision on its agent call, to continue that call. The attempt number
 * is handed back, so a decision is not counted as a retry. The caller holds the run lock.
 */
export async function resumeWaitingTask(db: Db, s: Settle): Promise<boolean> {
  return settle(db, s, async ({ step, task }) => {
    if (task.status !== "waiting" || task.waitingFor !== "agent") return;
    const now = new Date();
    setTask(step, { ...task, status: "queued", attempt: task.attempt - 1, waitingFor: null, queuedAt: now });
    step.jobs.push({ name: QUEUES.task, data: { taskRunId: task.id, runId: step.run.id } });
    syncWaitingInto(step);
  });
}
