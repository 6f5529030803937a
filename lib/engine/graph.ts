import { edgeKey, type Task, type TaskGraph } from "./graph-schema";
import { checkRequired, checkSchemas } from "./graph-fields";
import type { GraphIssue } from "./graph-messages";
import { type ReferenceContext, checkEdgeReferences, checkTaskReferences } from "./graph-references";
import { checkCycles, checkIdsAndEdges, checkIsolated } from "./graph-structure";
import { topologyOf, upstreamIndex } from "./graph-topology";

/**
 * Semantic validation of a task graph (the structure is zod's, in `graph-schema.ts`): connections,
 * cycles, tasks that can never start, required settings, JSON Schemas and `{{…}}` references. Pure, so
 * the designer runs it on every edit and the save path runs it before storing a version.
 */

export type { GraphIssue } from "./graph-messages";
export { type GraphShape, findCycles, topologicalOrder, upstreamOf } from "./graph-topology";
export {
  ITEM_FIELDS,
  type ParsedReferences,
  type Reference,
  type ReferenceProblem,
  type ReferenceScope,
  isLoneReference,
  parseReferences,
  referencesIn,
  singleReference,
} from "./references";

/** Everything wrong with a task graph, each problem placed on its task or connection; empty when it can run. */
export function validateTaskGraph(graph: TaskGraph): GraphIssue[] {
  const byId = new Map<string, Task>();
  for (const t of graph.tasks) if (!byId.has(t.id)) byId.set(t.id, t);
  const topo = topologyOf(graph);
  const ctx: ReferenceContext = {
    byId,
    dependencies: (id) => (topo.deps.get(id) ?? []).filter((d) => d !== id).map((d) => byId.get(d)!),
    isUpstream: upstreamIndex(topo),
  };
  return [
    ...checkIdsAndEdges(graph, byId),
    ...checkCycles(topo, byId),
    ...checkIsolated(graph),
    ...graph.tasks.flatMap((t) => [...checkRequired(t), ...checkSchemas(t), ...checkTaskReferences(ctx, t)]),
    ...graph.edges.flatMap((e) => checkEdgeReferences(ctx, e)),
  ];
}

function groupBy(issues: readonly GraphIssue[], keyOf: (i: GraphIssue) => string | undefined): Map<string, GraphIssue[]> {
  const out = new Map<string, GraphIssue[]>();
  for (const i of issues) {
    const key = keyOf(i);
    if (key === undefined) continue;
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  }
  return out;
}

/** Issues by the task they are about (issues on connections are left out; see `issuesByEdge`). */
export function issuesByTask(issues: readonly GraphIssue[]): Map<string, GraphIssue[]> {
  return groupBy(issues, (i) => i.taskId);
}

/** Issues on connections, by `edgeKey` (`from->to`). */
export function issuesByEdge(issues: readonly GraphIssue[]): Map<string, GraphIssue[]> {
  return groupBy(issues, (i) => (i.taskId === undefined && i.edge ? edgeKey(i.edge) : undefined));
}
