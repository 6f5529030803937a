import type { Edge, RetryPolicy, Task, TaskGraph } from "./graph-schema";
import { type RenderContext, completedOutputs, edgeContext, evaluateCondition } from "./render";
import { FINAL_TASK_STATUSES, type RunScope, type TaskSnapshot, type TaskStatus } from "./run-state";

/**
 * The pure planner of a durable run. The runtime keeps each task's state in the database and, after every
 * change, asks these functions what to do next. Skip propagation as in Airflow's `none_failed_min_one_success`:
 * a task runs once its dependencies are decided and at least one connection into it is active.
 */

export type NextSteps = { ready: string[]; skip: string[]; outcome: "running" | "completed" | "failed" };
export type LoopDecision = "again" | "done" | "exhausted";

/** The longest wait between attempts, whatever the backoff. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/** The graph as the planner walks it: known task ids in graph order, and each task's connections in and out. */
type Shape = { ids: string[]; incoming: Map<string, Edge[]>; dependents: Map<string, string[]> };

/** Built once per call; a second connection between the same two tasks is ignored, as the validator reports it. */
function shapeOf(graph: TaskGraph): Shape {
  const ids: string[] = [];
  const incoming = new Map<string, Edge[]>();
  const dependents = new Map<string, string[]>();
  for (const t of graph.tasks) {
    if (incoming.has(t.id)) continue;
    ids.push(t.id);
    incoming.set(t.id, []);
    dependents.set(t.id, []);
  }
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const into = incoming.get(e.to);
    const out = dependents.get(e.from);
    const key = `${e.from}->${e.to}`;
    if (!into || !out || seen.has(key)) continue;
    seen.add(key);
    into.push(e);
    out.push(e.to);
  }
  return { ids, incoming, dependents };
}

/** Task ids in topological order (ties in graph order), limited to `members` when given; tasks on a cycle are left out. */
function kahn(shape: Shape, members?: ReadonlySet<string>): string[] {
  const ids = members ? shape.ids.filter((id) => members.has(id)) : shape.ids;
  const waiting = new Map<string, number>();
  for (const id of ids) {
    const into = shape.incoming.get(id)!;
    waiting.set(id, members ? into.filter((e) => members.has(e.from)).length : into.length);
  }
  const order = ids.filter((id) => waiting.get(id) === 0);
  for (let i = 0; i < order.length; i++) {
    for (const w of shape.dependents.get(order[i]!)!) {
      const left = waiting.get(w);
      if (left === undefined) continue;
      waiting.set(w, left - 1);
      if (left === 1) order.push(w);
    }
  }
  return order;
}

const DEAD_SOURCE: ReadonlySet<TaskStatus> = new Set<TaskStatus>(["skipped", "cancelled"]);

/**
 * After any change: which pending tasks can start, which can never run, and whether the run is over.
 * Once any task has failed the outcome is "failed" and nothing is ready.
 */
export function nextSteps(graph: TaskGraph, states: ReadonlyMap<string, TaskSnapshot>, scope: RunScope): NextSteps {
  const shape = shapeOf(graph);
  const skipped = new Set<string>();
  const statusOf = (id: string): TaskStatus => (skipped.has(id) ? "skipped" : (states.get(id)?.status ?? "pending"));
  let tasks: Record<string, unknown> | undefined;
  const active = (e: Edge) =>
    statusOf(e.from) === "completed" &&
    (!e.condition || evaluateCondition(e.condition, edgeContext(graph, states, e, scope, (tasks ??= completedOutputs(states)))));

  const ready: string[] = [];
  // In topological order every source is settled before its dependants are looked at, so a skip
  // cascades down a whole branch in this one pass.
  for (const id of kahn(shape)) {
    if (statusOf(id) !== "pending") continue;
    const edges = shape.incoming.get(id)!;
    // A failed source decides nothing: its dependants wait, and the run fails.
    const decided = edges.every((e) => statusOf(e.from) === "completed" || DEAD_SOURCE.has(statusOf(e.from)));
    if (!decided) continue;
    if (edges.length === 0 || edges.some(active)) ready.push(id);
    else skipped.add(id);
  }

  let outcome: NextSteps["outcome"] = "completed";
  for (const id of shape.ids) {
    const status = statusOf(id);
    if (status === "failed") {
      outcome = "failed";
      break;
    }
    if (!FINAL_TASK_STATUSES.has(status)) outcome = "running";
  }
  // A failed run starts nothing new; the runtime cancels what is left.
  return { ready: outcome === "failed" ? [] : ready, skip: [...skipped], outcome };
}

/**
 * Whether a looping task runs another pass after `iteration` (1-based) produced `output`: "done" when its
 * `until` condition holds (or it does not loop), "exhausted" when the passes are used up, else "again".
 * `ctx` is what the task saw when it started (`contextFor`); the condition also reads `output`,
 * `loop.iteration` and the task's own `tasks.<id>.output`.
 */
export function loopDecision(task: Task, output: unknown, iteration: number, scope: RunScope, ctx?: RenderContext): LoopDecision {
  if (!task.loop) return "done";
  const base = ctx ?? { previousOutput: null, tasks: {}, item: scope.item, runInput: scope.runInput };
  const loopCtx: RenderContext = { ...base, tasks: { ...base.tasks, [task.id]: output }, output, loopIteration: iteration };
  if (evaluateCondition(task.loop.until, loopCtx)) return "done";
  return iteration >= task.loop.maxIterations ? "exhausted" : "again";
}

/**
 * How long to wait before retrying after attempt `failedAttempt` (1-based) failed, or null when the retry
 * policy has no attempt left. Exponential backoff doubles from `initialDelayMs`, capped at an hour.
 */
export function retryDelayMs(retry: RetryPolicy, failedAttempt: number): number | null {
  if (failedAttempt >= retry.maxAttempts) return null;
  const delay = retry.backoff === "fixed" ? retry.initialDelayMs : retry.initialDelayMs * 2 ** (Math.max(1, failedAttempt) - 1);
  return Math.min(delay, MAX_RETRY_DELAY_MS);
}

/** A task and every task after it, in topological order: what must run again when that task is re-run. */
export function downstreamOf(graph: TaskGraph, taskId: string): string[] {
  const shape = shapeOf(graph);
  if (!shape.incoming.has(taskId)) return [];
  const members = new Set([taskId]);
  const queue = [taskId];
  for (let i = 0; i < queue.length; i++) {
    for (const w of shape.dependents.get(queue[i]!)!) {
      if (members.has(w)) continue;
      members.add(w);
      queue.push(w);
    }
  }
  const order = kahn(shape, members);
  // Tasks on a cycle (an invalid graph) have no topological place; they follow in graph order.
  if (order.length < members.size) {
    const placed = new Set(order);
    order.push(...shape.ids.filter((id) => members.has(id) && !placed.has(id)));
  }
  return order;
}
