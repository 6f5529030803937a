import type { Run, TaskRun } from "@/db/schema";
import type { PinnedStage } from "./definitions";
import type { RunEventInput } from "./events";
import { QUEUES, type Wake } from "./queue";

/**
 * One step of a run, computed in memory from the run and its tasks as read, then written at once
 * (`commitStep` in advance.ts): the task rows it changes, the attempts it cancels, its events, the run
 * columns it sets and the wake-ups it sends. Nothing here touches the database.
 */

export type RunPatch = Partial<Pick<Run, "status" | "output" | "error" | "finishedAt" | "pausedAt">>;

export type Step = {
  /** The run as read, with `patch` applied. */
  run: Run;
  /** The run's tasks as read, with this step's changes applied. */
  tasks: Map<string, TaskRun>;
  /** Keys of the tasks whose rows this step writes whole. */
  changed: Set<string>;
  /** Unfinished tasks this step cancels: only their status, end time and lease are written. */
  cancelled: TaskRun[];
  events: RunEventInput[];
  patch: RunPatch;
  jobs: Wake[];
  /** The run ended here: running executors are told to stop, and a waiting run may take the slot. */
  ended: boolean;
};

export type FinalRunStatus = "completed" | "failed" | "cancelled";

export type FinishOptions = { output?: unknown; error?: string; failedTask?: string; reason?: string; actorId?: string | null };

export function newStep(run: Run, tasks: Map<string, TaskRun>): Step {
  return { run, tasks, changed: new Set(), cancelled: [], events: [], patch: {}, jobs: [], ended: false };
}

/** Records a task's new row in the step. */
export function setTask(step: Step, row: TaskRun): void {
  step.tasks.set(row.taskKey, row);
  step.changed.add(row.taskKey);
}

/** Sets run columns in the step (and on its in-memory run). */
export function patchRun(step: Step, patch: RunPatch): void {
  Object.assign(step.patch, patch);
  Object.assign(step.run, patch);
}

/** The run's output: the output of its last task, or of each last task by id when the graph ends in several. */
export function runOutput(pinned: PinnedStage, tasks: ReadonlyMap<string, TaskRun>): unknown {
  const hasOutgoing = new Set(pinned.graph.edges.map((e) => e.from));
  const sinks = pinned.graph.tasks.filter((t) => !hasOutgoing.has(t.id) && tasks.get(t.id)?.status === "completed");
  if (sinks.length === 1) return tasks.get(sinks[0]!.id)?.output ?? null;
  return Object.fromEntries(sinks.map((t) => [t.id, tasks.get(t.id)?.output ?? null]));
}

/**
 * Ends the run in the step: its status, output or error, every unfinished task cancelled (a failed run
 * keeps its pending tasks, so a retry can run them), an event for the stream and a durable
 * `run.<status>` job for stage flow and triggers.
 */
export function finishInto(step: Step, status: FinalRunStatus, opts: FinishOptions = {}): void {
  const now = new Date();
  const stop = new Set(["queued", "running", "waiting", ...(status === "failed" ? [] : ["pending"])]);
  const reason = opts.reason ?? `The run ${status === "failed" ? "failed" : "ended"}.`;
  for (const t of step.tasks.values()) {
    if (!stop.has(t.status)) continue;
    const row: TaskRun = { ...t, status: "cancelled", finishedAt: now, leaseUntil: null };
    // A row the step already writes is written whole; another only gets its status, end and lease.
    if (step.changed.has(t.taskKey)) {
      setTask(step, row);
    } else {
      step.cancelled.push(t);
      step.tasks.set(t.taskKey, row);
    }
    step.events.push({ type: "task.cancelled", taskKey: t.taskKey, payload: { reason } });
  }
  patchRun(step, { status, finishedAt: now, output: opts.output ?? null, error: opts.error ?? null, pausedAt: null });
  step.events.push({ type: `run.${status}`, payload: { error: opts.error ?? null, failedTask: opts.failedTask ?? null, reason: opts.reason ?? null } });
  const { run } = step;
  step.jobs.push({
    name: QUEUES.event,
    data: { type: `run.${status}`, runId: run.id, workflowId: run.workflowId, workItemId: run.workItemId, stageId: run.stageId, error: opts.error ?? null, actorId: opts.actorId ?? null },
  });
  step.ended = true;
}

/**
 * A run shows `waiting_approval` while any of its tasks waits for an approval (an approval task, or a
 * decision on an agent call), `running` otherwise (paused aside).
 */
export function syncWaitingInto(step: Step): void {
  const { run } = step;
  if (run.status !== "running" && run.status !== "waiting_approval") return;
  const waiting = [...step.tasks.values()].some((t) => t.status === "waiting" && (t.waitingFor === "approval" || t.waitingFor === "agent"));
  const status = waiting ? "waiting_approval" : "running";
  if (status === run.status) return;
  patchRun(step, { status });
  step.events.push({ type: "run.status", payload: { status } });
}
