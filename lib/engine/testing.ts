import { type Condition, type Edge, type Task, type TaskGraph, newTask } from "./graph-schema";
import type { GraphIssue } from "./graph-messages";

/** Builders for task graphs in unit tests. Not used by the application. */

/** A transform task named after its id (“review” → “Review”); `over` replaces any field. */
export function task(id: string, over: Partial<Task> = {}): Task {
  return newTask(id, { kind: "transform", output: {} }, { name: id[0]!.toUpperCase() + id.slice(1), ...over });
}

/** A connection, unconditional unless a condition is given. */
export function edge(from: string, to: string, condition: Condition | null = null): Edge {
  return { from, to, condition };
}

/** Connections a → b → c → … */
export function chain(...ids: string[]): Edge[] {
  return ids.slice(1).map((to, i) => edge(ids[i]!, to));
}

/** A graph of these tasks and connections, with no roles. */
export function graph(tasks: Task[], edges: Edge[] = []): TaskGraph {
  return { roles: [], tasks, edges };
}

/** An object schema declaring these string fields. */
export function objectSchema(...fields: string[]): Record<string, unknown> {
  return { type: "object", properties: Object.fromEntries(fields.map((f) => [f, { type: "string" }])) };
}

/** Issues as `target field: message` lines, for readable assertions (`target` is a task id or `a->b`). */
export function describeIssues(issues: readonly GraphIssue[]): string[] {
  return issues.map((i) => `${i.taskId ?? (i.edge ? `${i.edge.from}->${i.edge.to}` : "graph")}${i.field ? ` ${i.field}` : ""}: ${i.message}`);
}
