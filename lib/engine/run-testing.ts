import type { TaskGraph } from "./graph-schema";
import { nextSteps } from "./plan";
import { contextFor, renderTemplate } from "./render";
import type { RunScope, TaskSnapshot, TaskStatus } from "./run-state";

/** Builders for planner tests: task states, and a tiny in-memory driver. Not used by the application. */

/** A run with no input and no work item. */
export const NO_SCOPE: RunScope = { runInput: null, item: null };

/** Task states from `{ a: "completed", b: ["completed", { ok: true }] }` (output null unless given). */
export function states(entries: Record<string, TaskStatus | [TaskStatus, unknown]>): Map<string, TaskSnapshot> {
  return new Map(
    Object.entries(entries).map(([id, e]) => [id, typeof e === "string" ? { status: e, output: null } : { status: e[0], output: e[1] }]),
  );
}

/**
 * Every task's fate after one planning step: "ready" or "skip" when `nextSteps` says so, else its current
 * status ("pending" when it has none), so a test can assert on each task at once.
 */
export function fates(graph: TaskGraph, current: ReadonlyMap<string, TaskSnapshot>, scope: RunScope = NO_SCOPE): Record<string, string> {
  const { ready, skip } = nextSteps(graph, current, scope);
  return Object.fromEntries(
    graph.tasks.map((t) => [t.id, ready.includes(t.id) ? "ready" : skip.includes(t.id) ? "skip" : (current.get(t.id)?.status ?? "pending")]),
  );
}

export type Driven = { states: Map<string, TaskSnapshot>; outcome: "running" | "completed" | "failed"; steps: string[][] };

/**
 * Runs a graph to its end the way the runtime would, without loops or retries: each ready task gets its
 * rendered input and completes with what `execute` returns, or fails when it throws. `steps` lists the
 * tasks started by each planning step.
 */
export function drive(graph: TaskGraph, execute: (taskId: string, input: unknown) => unknown, scope: RunScope = NO_SCOPE): Driven {
  const current = new Map<string, TaskSnapshot>();
  const byId = new Map(graph.tasks.map((t) => [t.id, t]));
  const steps: string[][] = [];
  for (let guard = 0; guard <= graph.tasks.length + 1; guard++) {
    const next = nextSteps(graph, current, scope);
    for (const id of next.skip) current.set(id, { status: "skipped", output: null });
    if (next.ready.length === 0) return { states: current, outcome: next.outcome, steps };
    steps.push(next.ready);
    for (const id of next.ready) {
      const input = renderTemplate(byId.get(id)!.input, contextFor(graph, current, id, scope));
      try {
        current.set(id, { status: "completed", output: execute(id, input) });
      } catch {
        current.set(id, { status: "failed", output: null });
      }
    }
  }
  throw new Error("drive: the planner kept returning ready tasks");
}
