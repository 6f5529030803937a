import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Run, type TaskRun, taskRuns } from "@/db/schema";
import type { Executor, Task } from "../graph-schema";
import { TaskError } from "../executors/types";
import { contextFor, renderTemplate } from "../render";
import { syncWaitingStatus } from "./advance";
import { completeTask, failTask } from "./complete";
import { requirePinnedStage } from "./definitions";
import { appendRunEvents } from "./events";
import { type Executors, isWorkKind } from "./executors";
import { schemaErrors } from "./json-check";
import { QUEUES, wake } from "./queue";
import { loadTasks, lockRunWithTask, runScope, snapshots } from "./state";

/** What a worker process needs to run tasks: its database, identity, executors and in-flight attempts. */
export type WorkerContext = {
  db: Db;
  workerId: string;
  executors: Executors;
  leaseMs: number;
  /** Attempts running in this process, so a cancellation can stop them. Handles, not state. */
  inFlight: Map<string, { runId: string; controller: AbortController }>;
};

type Claimed = { run: Run; task: TaskRun; def: Task; executor: Executor; input: unknown };

const leaseEnd = (ms: number) => new Date(Date.now() + ms);

/**
 * Claims a queued task for this worker: only while its run is running, only from `queued`, and the
 * attempt number goes up in the same conditional update. Renders its input, checks it against the input
 * schema, and parks approval, human and delay tasks as `waiting`. Returns what to execute, or null.
 */
async function claim(w: WorkerContext, taskRunId: string, runId?: string): Promise<Claimed | null> {
  if (!runId) {
    const [peek] = await w.db.select({ runId: taskRuns.runId }).from(taskRuns).where(eq(taskRuns.id, taskRunId));
    if (!peek) return null;
    runId = peek.runId;
  }
  const knownRunId = runId;
  return w.db.transaction(async (tx) => {
    const locked = await lockRunWithTask(tx, knownRunId, taskRunId);
    if (!locked || locked.task.status !== "queued") return null;
    const { run } = locked;
    if (run.status !== "running" && run.status !== "waiting_approval") return null;
    const pinned = await requirePinnedStage(tx, run);
    const def = pinned.graph.tasks.find((t) => t.id === locked.task.taskKey)!;
    let input: unknown = def.input;
    let executor: Executor = def.executor;
    if (hasReferences(def)) {
      const tasks = await loadTasks(tx, run.id);
      const ctx = contextFor(pinned.graph, snapshots(tasks), def.id, await runScope(tx, run, pinned.graph));
      input = renderTemplate(def.input, ctx);
      executor = renderTemplate(def.executor, ctx) as Executor;
    }
    const now = new Date();
    const [task] = await tx
      .update(taskRuns)
      .set({ status: "running", attempt: sql`${taskRuns.attempt} + 1`, input, startedAt: now, leaseUntil: leaseEnd(w.leaseMs), workerId: w.workerId, finishedAt: null })
      .where(and(eq(taskRuns.id, taskRunId), eq(taskRuns.status, "queued")))
      .returning();
    if (!task) return null;
    await appendRunEvents(tx, run.id, [{ type: "task.started", taskKey: task.taskKey, payload: { attempt: task.attempt, iteration: task.iteration } }]);
    const settle = { runId: run.id, taskRunId: task.id, attempt: task.attempt };
    const problems = def.inputSchema ? schemaErrors(def.inputSchema, input) : [];
    if (problems.length) {
      await failTask(tx, settle, `The input does not match the task's input schema: ${problems.join("; ")}.`, false, { schemaErrors: problems, input });
      return null;
    }
    if (isWorkKind(def.executor.kind)) return { run, task, def, executor, input };
    await park(tx, run, task, def);
    return null;
  });
}

const withReferences = new WeakMap<Task, boolean>();

/** Whether a task's input or executor settings hold `{{…}}` (tasks of pinned versions never change). */
function hasReferences(def: Task): boolean {
  let v = withReferences.get(def);
  if (v === undefined) {
    v = JSON.stringify([def.input, def.executor]).includes("{{");
    withReferences.set(def, v);
  }
  return v;
}

/** Approval, human and delay tasks wait in the database, with a timer for their end or their timeout. */
async function park(tx: Db, run: Run, task: TaskRun, def: Task): Promise<void> {
  const waitingFor = def.executor.kind === "delay" ? "delay" : def.executor.kind === "approval" ? "approval" : "human";
  await tx.update(taskRuns).set({ status: "waiting", waitingFor, leaseUntil: null, workerId: null }).where(eq(taskRuns.id, task.id));
  await appendRunEvents(tx, run.id, [{ type: "task.waiting", taskKey: task.taskKey, payload: { for: waitingFor } }]);
  const timer = { runId: run.id, taskRunId: task.id, attempt: task.attempt };
  if (def.executor.kind === "delay") {
    await wake(tx, [{ name: QUEUES.timer, data: { kind: "delay", ...timer }, startAfter: leaseEnd(def.executor.ms) }]);
  } else if (def.timeoutMs) {
    await wake(tx, [{ name: QUEUES.timer, data: { kind: "wait-timeout", ...timer }, startAfter: leaseEnd(def.timeoutMs) }]);
  }
  await syncWaitingStatus(tx, run, await loadTasks(tx, run.id));
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

/** The whole life of one task job: claim, execute, record the outcome. Safe to call twice for one task. */
export async function processTask(w: WorkerContext, taskRunId: string, runId?: string): Promise<void> {
  const claimed = await claim(w, taskRunId, runId);
  if (!claimed) return;
  const result = await execute(w, claimed);
  const settle = { runId: claimed.run.id, taskRunId: claimed.task.id, attempt: claimed.task.attempt };
  await w.db.transaction((tx) =>
    result.ok ? completeTask(tx, settle, result.output) : failTask(tx, settle, result.error.message, result.error.retryable, result.error.details),
  );
}
