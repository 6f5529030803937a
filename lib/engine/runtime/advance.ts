import { and, asc, eq, sql } from "drizzle-orm";
import { type Db, inTransaction, rowsOf } from "@/db/client";
import { type Run, type TaskRun, runs } from "@/db/schema";
import type { Executor, Task } from "../graph-schema";
import { nextSteps } from "../plan";
import { contextFor, renderTemplate } from "../render";
import { type StepWritten, writeRunStep } from "./events";
import { isWorkKind } from "./executors";
import { schemaErrors } from "./json-check";
import { type PinnedStage, hasReferences, requirePinnedStage } from "./definitions";
import { QUEUES, type Wake, wake } from "./queue";
import { engineSettings } from "./settings";
import { type ClaimedRow, type RunState, loadTasks, runScope, snapshots } from "./state";
import { type FinalRunStatus, type FinishOptions, type Step, finishInto, newStep, runOutput, setTask, syncWaitingInto } from "./step";

/**
 * How a run moves forward. A step is planned in memory from the run and its tasks as read (`Step`), asks
 * the pure planner what follows, then is written in one statement with its wake-ups in the same
 * transaction (`commitStep`). Either the caller holds the run's row lock (`lockRun`) while it reads and
 * writes, or the write is guarded by the run's event counter (`expectSeq`; see complete.ts).
 */

/**
 * A task a worker claimed in the step that made it ready, to run next without a queue round trip. `state`
 * is the run as that step wrote it: settling this task tries it first instead of reading the run again.
 */
export type EagerTask = ClaimedRow & { def: Task; executor: Executor; input: unknown; state?: RunState };

/**
 * A worker's offer to take one ready task at once ("eager dispatch"). The claim is as durable as any:
 * the task is `running` under the worker's lease, so if the worker stops, recovery queues it again.
 */
export type Eager = { workerId: string; leaseMs: number; taken: EagerTask[] };

/**
 * Takes one ready work task (agent, HTTP, transform) for the worker, with its input rendered; null when
 * none qualifies (waits go through the queue, and so do tasks whose input breaks their input schema, so
 * that the claim path reports it).
 */
async function takeEager(db: Db, step: Step, stage: PinnedStage, ready: string[], eager: Eager): Promise<string | null> {
  const { run, tasks } = step;
  if (eager.taken.length || (run.status !== "running" && run.status !== "waiting_approval")) return null;
  for (const key of ready) {
    const def = stage.graph.tasks.find((t) => t.id === key);
    if (!def || !isWorkKind(def.executor.kind)) continue;
    let input: unknown = def.input;
    let executor: Executor = def.executor;
    if (hasReferences(def)) {
      const ctx = contextFor(stage.graph, snapshots(tasks), key, await runScope(db, run, stage.graph));
      input = renderTemplate(def.input, ctx);
      executor = renderTemplate(def.executor, ctx) as Executor;
    }
    if (def.inputSchema && schemaErrors(def.inputSchema, input).length) continue;
    const now = new Date();
    const before = tasks.get(key);
    if (!before || before.status !== "pending") continue;
    const row: TaskRun = {
      ...before,
      status: "running",
      attempt: before.attempt + 1,
      input: input === def.input ? null : input,
      queuedAt: now,
      startedAt: now,
      leaseUntil: new Date(now.getTime() + eager.leaseMs),
      workerId: eager.workerId,
      finishedAt: null,
    };
    setTask(step, row);
    step.events.push({ type: "task.started", taskKey: key, payload: { attempt: row.attempt, iteration: row.iteration } });
    eager.taken.push({
      run: { id: run.id, workflowId: run.workflowId, definitionVersion: run.definitionVersion, stageId: run.stageId, status: run.status, input: run.input, workItemId: run.workItemId },
      task: { id: row.id, runId: run.id, taskKey: key, attempt: row.attempt, iteration: row.iteration, startedAt: now },
      def,
      executor,
      input,
    });
    return key;
  }
  return null;
}

/**
 * Plans what follows into the step: tasks that can no longer run are skipped, ready ones queued (with a
 * wake-up each) or one taken by `eager`, and the run ends when nothing is left; otherwise its waiting
 * status is brought up to date. A paused run still records progress; its queued tasks wait for resume.
 */
export async function advanceInto(db: Db, step: Step, stage: PinnedStage, eager?: Eager): Promise<void> {
  const { run, tasks } = step;
  if (run.status === "pending" || run.status === "completed" || run.status === "failed" || run.status === "cancelled") return;
  const steps = nextSteps(stage.graph, snapshots(tasks), await runScope(db, run, stage.graph));
  const now = new Date();
  for (const key of steps.skip) {
    setTask(step, { ...tasks.get(key)!, status: "skipped", finishedAt: now });
    step.events.push({ type: "task.skipped", taskKey: key });
  }
  let ready = steps.outcome === "running" ? steps.ready : [];
  if (ready.length && eager) {
    const taken = await takeEager(db, step, stage, ready, eager);
    if (taken) ready = ready.filter((k) => k !== taken);
  }
  for (const key of ready) {
    const t = tasks.get(key);
    if (t?.status !== "pending") continue;
    setTask(step, { ...t, status: "queued", queuedAt: now });
    step.jobs.push({ name: QUEUES.task, data: { taskRunId: t.id, runId: run.id } });
  }
  if (steps.outcome === "completed") return finishInto(step, "completed", { output: runOutput(stage, tasks) });
  if (steps.outcome === "failed") {
    const failed = [...tasks.values()].find((t) => t.status === "failed");
    const name = stage.graph.tasks.find((t) => t.id === failed?.taskKey)?.name || failed?.taskKey;
    return finishInto(step, "failed", { error: `Task “${name}” failed: ${failed?.error ?? "unknown error"}`, failedTask: failed?.taskKey });
  }
  syncWaitingInto(step);
}

/**
 * Writes a step (see `writeRunStep`) and sends its wake-ups in the same transaction; a step with nothing
 * to send is one statement, with no transaction around it. A run's end goes on the queue only when
 * something may react to it: its item's stage flow, or an event trigger — so the end of a run without an
 * item is first written unannounced, on condition that no trigger watches its workflow, and announced
 * when one does. When a run ended, a waiting run may take its slot. With `expectSeq`, false (and nothing
 * written) when another step wrote to the run since it was read.
 */
export async function commitStep(db: Db, step: Step, expectSeq?: number): Promise<boolean> {
  const write = async (tx: Db, jobs: Wake[], unlessWatched?: string) => {
    const written = await writeRunStep(tx, {
      runId: step.run.id,
      rows: [...step.changed].map((k) => step.tasks.get(k)!),
      cancelled: step.cancelled,
      events: step.events,
      patch: step.patch,
      stopRunning: step.cancelled.some((t) => t.status === "running"),
      expectSeq,
      unlessWatched,
    });
    if (written.applied) {
      step.run.lastSeq = written.lastSeq;
      await wake(tx, jobs);
    }
    return written;
  };
  const send = (jobs: Wake[], unlessWatched?: string) =>
    jobs.length === 0 ? write(db, jobs, unlessWatched) : inTransaction(db, (tx) => write(tx, jobs, unlessWatched));
  let written: StepWritten | null = null;
  if (step.ended && !step.run.workItemId) {
    written = await send(step.jobs.filter((j) => j.name !== QUEUES.event), step.run.workflowId);
    if (!written.applied && written.watched) written = null;
  }
  written ??= await send(step.jobs);
  // Also done by the recovery sweep, should this process stop in between.
  if (written.pendingRuns) await inTransaction(db, promotePending);
  return written.applied;
}

/** Advances a run whose lock the caller holds (see `advanceInto`). */
export async function advanceRun(tx: Db, run: Run, pinned?: PinnedStage): Promise<void> {
  const step = newStep(run, await loadTasks(tx, run.id));
  await advanceInto(tx, step, pinned ?? (await requirePinnedStage(tx, run)));
  await commitStep(tx, step);
}

/** Brings a locked run's waiting status up to date with its tasks (see `syncWaitingInto`). */
export async function syncWaitingStatus(tx: Db, run: Run, tasks: Map<string, TaskRun>): Promise<void> {
  const step = newStep(run, tasks);
  syncWaitingInto(step);
  await commitStep(tx, step);
}

/** Ends a run whose lock the caller holds (see `finishInto`); then a waiting run may take the freed slot. */
export async function finishRun(tx: Db, run: Run, status: FinalRunStatus, opts: FinishOptions = {}): Promise<void> {
  const step = newStep(run, await loadTasks(tx, run.id));
  finishInto(step, status, opts);
  await commitStep(tx, step);
}

/**
 * Starts a `pending` run (or one just created): marks it running, sets its deadline, queues its first
 * tasks. Callers have checked the concurrency limits.
 */
export async function activateRun(tx: Db, run: Run, pinned?: PinnedStage): Promise<void> {
  const stage = pinned ?? (await requirePinnedStage(tx, run));
  const now = new Date();
  const timeoutMs = run.timeoutMs ?? stage.stage.runTimeoutMs ?? null;
  const deadlineAt = timeoutMs ? new Date(now.getTime() + timeoutMs) : null;
  await tx.update(runs).set({ status: "running", startedAt: now, updatedAt: now, deadlineAt, timeoutMs }).where(eq(runs.id, run.id));
  Object.assign(run, { status: "running", startedAt: now, deadlineAt, timeoutMs });
  const step = newStep(run, await loadTasks(tx, run.id));
  step.events.push({ type: "run.started", payload: { timeoutMs } });
  if (deadlineAt) step.jobs.push({ name: QUEUES.timer, data: { kind: "run-deadline", runId: run.id }, startAfter: deadlineAt });
  await advanceInto(tx, step, stage);
  await commitStep(tx, step);
}

/**
 * Whether a run of this workflow may start now, under its own limit and the instance's. Takes the
 * admission lock (held to commit), so two admissions never both take the last slot (`tandem_admit`).
 */
export async function hasSlot(tx: Db, workflowId: string, workflowLimit: number | null): Promise<boolean> {
  const [row] = rowsOf<{ admitted: boolean }>(
    await tx.execute(sql`select tandem_admit(${workflowId}, ${workflowLimit}::int, ${engineSettings().maxActiveRuns}::int) as admitted`),
  );
  return row?.admitted === true;
}

/** Serializes admission decisions (start, promote) across the instance, so limits are never overshot. */
export async function lockAdmission(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7291003)`);
}

/** Starts waiting runs, oldest first, while their workflow and the instance have room. */
export async function promotePending(tx: Db): Promise<void> {
  const [any] = await tx.select({ id: runs.id }).from(runs).where(eq(runs.status, "pending")).limit(1);
  if (!any) return;
  await lockAdmission(tx);
  const waiting = await tx.select().from(runs).where(eq(runs.status, "pending")).orderBy(asc(runs.createdAt)).limit(50);
  for (const candidate of waiting) {
    const pinned = await requirePinnedStage(tx, candidate);
    if (!(await hasSlot(tx, candidate.workflowId, pinned.definition.settings?.maxConcurrentRuns ?? null))) {
      if (!(await hasSlot(tx, candidate.workflowId, null))) return; // the instance is full
      continue;
    }
    const [locked] = await tx.select().from(runs).where(and(eq(runs.id, candidate.id), eq(runs.status, "pending"))).for("update");
    if (locked) await activateRun(tx, locked, pinned);
  }
}
