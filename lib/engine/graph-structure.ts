import { type GraphIssue, MSG, cyclePath, label } from "./graph-messages";
import type { Task, TaskGraph } from "./graph-schema";
import { type Topology, cyclesOf } from "./graph-topology";

/**
 * Structural rules: ids and connections that make sense, no cycles, no task that can never start,
 * no task left on its own.
 */

/** Duplicate task ids, connections to unknown tasks, self-loops and repeated connections. */
export function checkIdsAndEdges(graph: TaskGraph, byId: ReadonlyMap<string, Task>): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const seenIds = new Set<string>();
  const reported = new Set<string>();
  for (const t of graph.tasks) {
    if (seenIds.has(t.id) && !reported.has(t.id)) {
      issues.push({ taskId: t.id, field: "id", message: MSG.duplicateId(t.id) });
      reported.add(t.id);
    }
    seenIds.add(t.id);
  }
  const seenEdges = new Set<string>();
  const repeated = new Set<string>();
  for (const e of graph.edges) {
    const edge = { from: e.from, to: e.to };
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from) issues.push({ edge, field: "from", message: MSG.unknownSource(e.from, label(to, e.to)) });
    if (!to) issues.push({ edge, field: "to", message: MSG.unknownTarget(label(from, e.from), e.to) });
    if (e.from === e.to) issues.push({ edge, message: MSG.selfLoop(label(from, e.from)) });
    const key = `${e.from}->${e.to}`;
    if (seenEdges.has(key) && !repeated.has(key)) {
      issues.push({ edge, message: MSG.duplicateEdge(label(from, e.from), label(to, e.to)) });
      repeated.add(key);
    }
    seenEdges.add(key);
  }
  return issues;
}

/**
 * Each cycle once, on every task in it, and every task downstream of a cycle (it would wait forever).
 * A task connected to itself is reported on its connection by `checkIdsAndEdges`, not here.
 */
export function checkCycles(topo: Topology, byId: ReadonlyMap<string, Task>): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const name = (id: string) => label(byId.get(id), id);
  const cycles = cyclesOf(topo);
  const blockedBy = new Map<string, string>();
  const onCycle = new Set<string>();
  for (const cycle of cycles) {
    const path = cyclePath(cycle.map(name));
    for (const id of cycle) {
      onCycle.add(id);
      if (!blockedBy.has(id)) blockedBy.set(id, path);
    }
    if (cycle.length === 1) continue;
    const message = MSG.cycle(`${path} → ${name(cycle[0]!)}`);
    for (const id of cycle) issues.push({ taskId: id, message });
  }
  // One breadth-first pass from all cycles at once: each blocked task names the first cycle that reaches it.
  const queue = [...blockedBy.keys()];
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    for (const id of topo.dependents.get(from)!) {
      if (blockedBy.has(id)) continue;
      blockedBy.set(id, blockedBy.get(from)!);
      queue.push(id);
    }
  }
  for (const id of topo.ids) {
    if (!onCycle.has(id) && blockedBy.has(id)) issues.push({ taskId: id, message: MSG.blockedByCycle(name(id), blockedBy.get(id)!) });
  }
  return issues;
}

/** In a graph of several tasks, each task must have at least one connection. */
export function checkIsolated(graph: TaskGraph): GraphIssue[] {
  if (graph.tasks.length < 2) return [];
  const connected = new Set<string>();
  for (const e of graph.edges) {
    connected.add(e.from);
    connected.add(e.to);
  }
  const reported = new Set<string>();
  return graph.tasks
    .filter((t) => !connected.has(t.id) && !reported.has(t.id) && reported.add(t.id))
    .map((t) => ({ taskId: t.id, message: MSG.isolated(label(t)) }));
}
