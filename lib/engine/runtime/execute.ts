import { and, eq } from "drizzle-orm";
import { type Db, inTransaction } from "@/db/client";
import { taskRuns } from "@/db/schema";
import type { Executor, Task } from "../graph-schema";
import { TaskError, TaskWait } from "../executors/types";
import { contextFor, renderTemplate } from "../render";
import { type Eager, type EagerTask, commitStep } from "./advance";
import { completeTask, failTask, waitTask } from "./complete";
import { hasReferences, requirePinnedStage } from "./definitions";
import { type Executors, isWorkKind } from "./executors";
import { schemaErrors } from "./json-check";
import { QUEUES, wake } from "./queue";
import { claimTask, loadTasks, lockRunWithTasks, runScope, snapshots } from "./state";
import { newStep, setTask, syncWaitingInto } from "./step";

/** What a worker process needs to run tasks: its database, identity, executors and in-flight attempts. */
export type WorkerContext = {
  db: Db;
  workerId: string;
  executors: Executors;
  leaseMs: number;
  /** Attempts running in this process, so a cancellation can stop them. Handles, not state. */
  inFlight: Map<string, { runId: string; controller: AbortController }>;
};

type Claimed = EagerTask;

const leaseEnd = (ms: number) => new Date(Date.now() + ms);
const EAGER_MAX_STEPS = 25;
const EAGER_MAX_MS = 30_000;

/**
 * Claims a queued task for this worker (one statement: only while its run is running, only from
 * `queued`, with the next attempt number). Renders its input when it holds references, checks it against
 * the input schema, and parks approval, human and delay tasks as `waiting`. Returns what to execute, or null.
 */
async function claim(w: WorkerContext, taskRunId: string, runId?: string): Promise<Claimed | null> {
  if (!runId) {
    const [peek] = await w.db.select({ runId: taskRuns.runId }).from(taskRuns).where(eq(taskRuns.id, taskRunId));
    if (!peek) return null;
    runId = peek.runId;
  }
  const now = new Date();
  const claimed = await claimTask(w.db, { runId, taskRunId, now, leaseUntil: leaseEnd(w.leaseMs), workerId: w.workerId });
  if (!claimed) return null;
  const { run, task } = claimed;
  const pinned = await requirePinnedStage(w.db, run);
  const def = pinned.graph.tasks.find((t) => t.id === task.taskKey)!;
  let input: unknown = def.input;
  let executor: Executor = def.executor;
  if (hasReferences(def)) {
    // Upstream outputs are final while this task runs: no lock is needed to read them.
    const tasks = await loadTasks(w.db, run.id);
    const ctx = contextFor(pinned.graph, snapshots(tasks), def.id, await runScope(w.db, run, pinned.graph));
    input = renderTemplate(def.input, ctx);
    executor = renderTemplate(def.executor, ctx) as Executor;
    await w.db.update(taskRuns).set({ input }).where(and(eq(taskRuns.id, task.id), eq(taskRuns.attempt, task.attempt)));
  }
  const settle = { runId: run.id, taskRunId: task.id, attempt: task.attempt };
  const problems = def.inputSchema ? schemaErrors(def.inputSchema, input) : [];
  if (problems.length) {
    const message = `The input does not match the task's input schema: ${problems.join("; ")}.`;
    await failTask(w.db, settle, message, false, { schemaErrors: problems, input });
    return null;
  }
  if (isWorkKind(def.executor.kind)) return { run, task, def, executor, input };
  await inTransaction(w.db, (tx) => park(tx, settle, def));
  return null;
}

/** Approval, human and delay tasks wait in the database, with a timer for their end or their timeout. */
async function park(tx: Db, s: { runId: string; taskRunId: string; attempt: number }, def: Task): Promise<void> {
  const locked = await lockRunWithTasks(tx, s.runId);
  const task = locked && [...locked.tasks.values()].find((t) => t.id === s.taskRunId);
  if (!locked || !task || task.status !== "running" || task.attempt !== s.attempt) return;
  const waitingFor = def.executor.kind === "delay" ? "delay" : def.executor.kind === "approval" ? "approval" : "human";
  const step = newStep(locked.run, locked.tasks);
  setTask(step, { ...task, status: "waiting", waitingFor, leaseUntil: null, workerId: null });
  step.events.push({ type: "task.waiting", taskKey: task.taskKey, payload: { for: waitingFor } });
  if (def.executor.kind === "delay") {
    step.jobs.push({ name: QUEUES.timer, data: { kind: "delay", ...s }, startAfter: leaseEnd(def.executor.ms) });
  } else if (def.timeoutMs) {
    step.jobs.push({ name: QUEUES.timer, data: { kind: "wait-timeout", ...s }, startAfter: leaseEnd(def.timeoutMs) });
  }
  syncWaitingInto(step);
  await commitStep(tx, step);
}

/** Runs one attempt with its timeout, renewing the lease while it works and stopping when the task is taken away. */
async function execute(w: WorkerContext, c: Claimed): Promise<{ ok: true; output: unknown } | { ok: false; error: TaskError }> {
  const controller = new AbortController();
  const timeoutMs = c.def.timeoutMs;
  w.inFlight.set(c.task.id, { runId: c.run.id, controller });
  const timer = timeoutMs ? setTimeout(() => controller.abort(new TaskError(`It timed out after ${timeoutMs} ms.`)), timeoutMs) : null;
  const heartbeat = setInterval(() => {
    void w.db
      .update(taskRuns)
      .set({ leaseUntil: leaseEnd(w.leaseMs) })
      .where(and(eq(taskRuns.id, c.task.id), eq(taskRuns.status, "running"), eq(taskRuns.attempt, c.task.attempt)))
      .returning({ id: taskRuns.id })
      .then((rows) => {
        if (rows.length === 0) controller.abort(new TaskError("The task was cancelled.", { retryable: false }));
      })
      .catch(() => {});
  }, Math.max(250, Math.floor(w.leaseMs / 3)));
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  try {
    const fn = w.executors[c.def.executor.kind as keyof Executors];
    const ctx = {
      runId: c.run.id,
      taskRunId: c.task.id,
      taskKey: c.task.taskKey,
      attempt: c.task.attempt,
      iteration: c.task.iteration,
      input: c.input,
      signal: controller.signal,
      idempotencyKey: `${c.task.id}:${c.task.iteration}`,
    };
    const output = await Promise.race([fn({ task: c.def, executor: c.executor, ctx, db: w.db }), aborted]);
    return { ok: true, output: output === undefined ? null : output };
  } catch (err) {
    const reason = controller.signal.aborted ? controller.signal.reason : err;
    const error = reason instanceof TaskError ? reason : new TaskError(reason instanceof Error ? reason.message : String(reason));
    return { ok: false, error };
  } finally {
    if (timer) clearTimeout(timer);
    clearInterval(heartbeat);
    w.inFlight.delete(c.task.id);
  }
}

/**
 * The whole life of one task job: claim, execute, record the outcome. When the outcome makes another
 * work task ready, this worker claims it in the same transaction and runs it next (eager dispatch), so
 * a chain does not wait on the queue between steps. Safe to call twice for one task.
 */
export async function processTask(w: WorkerContext, taskRunId: string, runId?: string): Promise<void> {
  const began = Date.now();
  let steps = 0;
  let claimed = await claim(w, taskRunId, runId);
  while (claimed) {
    const result = await execute(w, claimed);
    const settle = { runId: claimed.run.id, taskRunId: claimed.task.id, attempt: claimed.task.attempt, state: claimed.state };
    // A long chain goes back through the queue now and then, so one job never holds a worker slot for long.
    const offer = ++steps < EAGER_MAX_STEPS && Date.now() - began < EAGER_MAX_MS;
    const eager: Eager | undefined = offer ? { workerId: w.workerId, leaseMs: w.leaseMs, taken: [] } : undefined;
    if (result.ok && result.output instanceof TaskWait) {
      await waitTask(w.db, settle, result.output.reason, result.output.details);
      break;
    }
    await (result.ok
      ? completeTask(w.db, settle, result.output, eager)
      : failTask(w.db, settle, result.error.message, result.error.retryable, result.error.details));
    claimed = eager?.taken[0] ?? null;
  }
}
