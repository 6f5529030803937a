import { DEFAULT_RETRY, type Role, type TaskGraph, newTask } from "./graph-schema";

/** Horizontal distance between steps, so the designer shows a sequential run as a left-to-right line. */
const STEP_SPACING = 260;

/** The task graph of a plain sequential list (the REST shape `{name, tasks: [{agent, input}]}`). */
export function sequentialGraph(tasks: { agent: string; input: Record<string, unknown> }[]): TaskGraph {
  const roles: Role[] = [];
  const seen = new Set<string>();
  for (const { agent } of tasks) {
    if (seen.has(agent)) continue;
    seen.add(agent);
    roles.push({ id: agent, name: agent, capabilities: [] });
  }
  const ids = tasks.map((_, i) => `step-${i + 1}`);
  return {
    roles,
    tasks: tasks.map(({ agent, input }, i) =>
      newTask(ids[i]!, { kind: "agent", role: agent }, { name: agent, input, retry: DEFAULT_RETRY, position: { x: i * STEP_SPACING, y: 0 } }),
    ),
    edges: ids.slice(1).map((to, i) => ({ from: ids[i]!, to, condition: null })),
  };
}
