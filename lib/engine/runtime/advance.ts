import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Run, type RunStatusValue, type TaskRun, runs, taskRuns } from "@/db/schema";
import type { Executor, Task } from "../graph-schema";
import { nextSteps } from "../plan";
import { contextFor, renderTemplate } from "../render";
import { type RunEventInput, appendRunEvents, writeRunStep } from "./events";
import { isWorkKind } from "./executors";
import { schemaErrors } from "./json-check";
import { type PinnedStage, hasReferences, requirePinnedStage } from "./definitions";
import { type Wake, QUEUES, wake } from "./queue";
import { engineSettings } from "./settings";
import { type ClaimedRow, activeRunCounts, loadTasks, runScope, snapshots } from "./state";

/**
 * How a run moves forward. Every function here runs inside a transaction that holds the run's row lock
 * (`lockRun`): it reads the tasks, asks the pure planner what follows, writes the result and sends the
 * wake-ups in the same transaction.
 */

type FinalRunStatus = Extract<RunStatusValue, "completed" | "failed" | "cancelled">;

/** The run's output: the output of its last task, or of each last task by id when the graph ends in several. */
function runOutput(pinned: PinnedStage, tasks: ReadonlyMap<string, TaskRun>): unknown {
  const hasOutgoing = new Set(pinned.graph.edges.map((e) => e.from));
  const sinks = pinned.graph.tasks.filter((t) => !hasOutgoing.has(t.id) && tasks.get(t.id)?.status === "completed");
  if (sinks.length === 1) return tasks.get(sinks[0]!.id)?.output ?? null;
  return Object.fromEntries(sinks.map((t) => [t.id, tasks.get(t.id)?.output ?? null]));
}

/** A task a worker claimed in the transaction that made it ready, to run next without a queue round trip. */
export type EagerTask = ClaimedRow & { def: Task; executor: Executor; input: unknown };

/**
 * A worker's offer to take one ready task at once ("eager dispatch"). The claim is as durable as any:
 * the task is `running` under the worker's lease, so if the worker stops, recovery queues it again.
 */
export type Eager = { workerId: string; leaseMs: number; taken: EagerTask[] };

type AdvanceOptions = { known?: Map<string, TaskRun>; changed?: string[]; events?: RunEventInput[]; eager?: Eager };

/**
 * Takes one ready work task (agent, HTTP, transform) for the worker, with its input rendered; null when
 * none qualifies (waits go through the queue, and so do tasks whose input breaks their input schema, so
 * that the claim path reports it).
 */
async function takeEager(
  tx: Db,
  run: Run,
  stage: PinnedStage,
  tasks: Map<string, TaskRun>,
  ready: string[],
  eager: Eager,
  step: { events: RunEventInput[]; changed: Set<string> },
) {
  const { events, changed } = step;
  if (eager.taken.length || (run.status !== "running" && run.status !== "waiting_approval")) return null;
  for (const key of ready) {
    const def = stage.graph.tasks.find((t) => t.id === key);
    if (!def || !isWorkKind(def.executor.kind)) continue;
    let input: unknown = def.input;
    let executor: Executor = def.executor;
    if (hasReferences(def)) {
      const ctx = contextFor(stage.graph, snapshots(tasks), key, await runScope(tx, run, stage.graph));
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
    tasks.set(key, row);
    changed.add(key);
    events.push({ type: "task.started", taskKey: key, payload: { attempt: row.attempt, iteration: row.iteration } });
    const taken: EagerTask = {
      run: { id: run.id, workflowId: run.workflowId, definitionVersion: run.definitionVersion, stageId: run.stageId, status: run.status, input: run.input, workItemId: run.workItemId },
      task: { id: row.id, runId: run.id, taskKey: key, attempt: row.attempt, iteration: row.iteration, startedAt: now },
      def,
      executor,
      input,
    };
    eager.taken.push(taken);
    return key;
  }
  return null;
}

/**
 * Applies the planner's next steps: queues ready tasks (and wakes workers for them), skips tasks that can
 * no longer run, and finishes the run when nothing is left. A paused run still records progress; its
 * queued tasks wait for resume. `known` is the run's tasks as the caller read them under the run lock
 * (with its own change applied), `events` the caller's events to append with these, and `eager` a
 * worker's offer to run one of the ready tasks itself.
 */
export async function advanceRun(tx: Db, run: Run, pinned?: PinnedStage, opts: AdvanceOptions = {}): Promise<void> {
  const tasks = opts.known ?? (await loadTasks(tx, run.id));
  if (run.status === "pending" || run.status === "completed" || run.status === "failed" || run.status === "cancelled") {
    return writeRunStep(tx, run.id, (opts.changed ?? []).map((k) => tasks.get(k)!), opts.events ?? []);
  }
  const stage = pinned ?? (await requirePinnedStage(tx, run));
  const steps = nextSteps(stage.graph, snapshots(tasks), await runScope(tx, run, stage.graph));
  const now = new Date();
  const events: RunEventInput[] = [...(opts.events ?? [])];
  // Task rows this step changes (the caller's own first), all written in one statement below.
  const changed = new Set(opts.changed ?? []);
  for (const key of steps.skip) {
    tasks.set(key, { ...tasks.get(key)!, status: "skipped", finishedAt: now });
    changed.add(key);
    events.push({ type: "task.skipped", taskKey: key });
  }
  const jobs: Wake[] = [];
  let ready = steps.outcome === "running" ? steps.ready : [];
  if (ready.length && opts.eager) {
    const taken = await takeEager(tx, run, stage, tasks, ready, opts.eager, { events, changed });
    if (taken) ready = ready.filter((k) => k !== taken);
  }
  for (const key of ready) {
    const t = tasks.get(key);
    if (t?.status !== "pending") continue;
    tasks.set(key, { ...t, status: "queued", queuedAt: now });
    changed.add(key);
    jobs.push({ name: QUEUES.task, data: { taskRunId: t.id, runId: run.id } });
  }
  await writeRunStep(tx, run.id, [...changed].map((k) => tasks.get(k)!), events);
  await wake(tx, jobs);
  if (steps.outcome === "completed") return finishRun(tx, run, "completed", { output: runOutput(stage, tasks) });
  if (steps.outcome === "failed") {
    const failed = [...tasks.values()].find((t) => t.status === "failed");
    const name = stage.graph.tasks.find((t) => t.id === failed?.taskKey)?.name || failed?.taskKey;
    return finishRun(tx, run, "failed", { error: `Task “${name}” failed: ${failed?.error ?? "unknown error"}`, failedTask: failed?.taskKey });
  }
  await syncWaitingStatus(tx, run, tasks);
}

/** A run shows `waiting_approval` while any of its tasks waits for an approval, `running` otherwise (paused aside). */
export async function syncWaitingStatus(tx: Db, run: Run, tasks: ReadonlyMap<string, TaskRun>): Promise<void> {
  if (run.status !== "running" && run.status !== "waiting_approval") return;
  const waiting = [...tasks.values()].some((t) => t.status === "waiting" && t.waitingFor === "approval");
  const status = waiting ? "waiting_approval" : "running";
  if (status === run.status) return;
  await tx.update(runs).set({ status, updatedAt: new Date() }).where(eq(runs.id, run.id));
  run.status = status;
  await appendRunEvents(tx, run.id, [{ type: "run.status", payload: { status } }]);
}

/**
 * Ends a run: its status, output or error, every unfinished task cancelled, an event for the stream and a
 * durable `run.<status>` event for stage flow and triggers. Then a waiting run may take the freed slot.
 */
export async function finishRun(
  tx: Db,
  run: Run,
  status: FinalRunStatus,
  opts: { output?: unknown; error?: string; failedTask?: string; reason?: string; actorId?: string | null } = {},
): Promise<void> {
  const now = new Date();
  await tx
    .update(runs)
    .set({ status, finishedAt: now, updatedAt: now, output: opts.output ?? null, error: opts.error ?? null, pausedAt: null })
    .where(eq(runs.id, run.id));
  const stopped = await tx
    .update(taskRuns)
    .set({ status: "cancelled", finishedAt: now, leaseUntil: null })
    .where(and(eq(taskRuns.runId, run.id), inArray(taskRuns.status, ["queued", "running", "waiting", ...(status === "failed" ? [] : (["pending"] as const))])))
    .returning({ taskKey: taskRuns.taskKey });
  const previous = run.status;
  run.status = status;
  await appendRunEvents(tx, run.id, [
    ...stopped.map((t) => ({ type: "task.cancelled", taskKey: t.taskKey, payload: { reason: opts.reason ?? `The run ${status === "failed" ? "failed" : "ended"}.` } })),
    { type: `run.${status}`, payload: { error: opts.error ?? null, failedTask: opts.failedTask ?? null, reason: opts.reason ?? null } },
  ]);
  if (stopped.length) await tx.execute(sql`select pg_notify('tandem_task_cancel', ${run.id})`);
  await wake(tx, [
    {
      name: QUEUES.event,
      data: {
        type: `run.${status}`,
        runId: run.id,
        workflowId: run.workflowId,
        workItemId: run.workItemId,
        stageId: run.stageId,
        error: opts.error ?? null,
        actorId: opts.actorId ?? null,
      },
    },
  ]);
  if (previous !== "pending") await promotePending(tx);
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
  await appendRunEvents(tx, run.id, [{ type: "run.started", payload: { timeoutMs } }]);
  if (deadlineAt) await wake(tx, [{ name: QUEUES.timer, data: { kind: "run-deadline", runId: run.id }, startAfter: deadlineAt }]);
  await advanceRun(tx, run, stage);
}

/** Whether a run of this workflow may start now, under its own limit and the instance's. */
export async function hasSlot(tx: Db, workflowId: string, workflowLimit: number | null): Promise<boolean> {
  const counts = await activeRunCounts(tx, workflowId);
  if (counts.total >= engineSettings().maxActiveRuns) return false;
  return workflowLimit == null || counts.workflow < workflowLimit;
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
      if ((await activeRunCounts(tx, candidate.workflowId)).total >= engineSettings().maxActiveRuns) return;
      continue;
    }
    const [locked] = await tx.select().from(runs).where(and(eq(runs.id, candidate.id), eq(runs.status, "pending"))).for("update");
    if (locked) await activateRun(tx, locked, pinned);
  }
}
