import { type Edge as FlowEdge, MarkerType, type Node } from "@xyflow/react";
import { type Condition, type Edge, type Task, type TaskGraph, edgeKey } from "@/lib/engine/graph-schema";
import type { StageDef } from "@/lib/workflows/definition";
import { type IssueIndex, edgeIssueKey, taskKey } from "../issues";

/**
 * React Flow nodes and edges derived from the definition. A per-canvas cache hands back the same node
 * object (and so the same `data`) while a task, its issues and its selection are unchanged: React Flow then
 * skips it, and the memoized node component does not re-render. That is what keeps a 500-task graph fast.
 */

export const STAGE_SPACING = 260;
export const STAGE_WIDTH = 220;
export const STAGE_Y = 0;
export const TASK_WIDTH = 240;
export const TASK_HEIGHT = 92;

export type StageNodeData = { stage: StageDef; index: number; issues: string[]; taskCount: number; readOnly: boolean };
export type TaskNodeData = { task: Task; issues: string[] };
export type StageFlowNode = Node<StageNodeData, "stage">;
export type TaskFlowNode = Node<TaskNodeData, "task">;
export type TaskFlowEdge = FlowEdge<{ edge: Edge }>;

type Entry<T> = { deps: unknown[]; value: T };

/** Returns the cached value while its dependencies are identical (by `Object.is`), else makes a new one. */
export class DeriveCache<T> {
  private entries = new Map<string, Entry<T>>();
  private seen = new Set<string>();

  get(key: string, deps: unknown[], make: () => T): T {
    this.seen.add(key);
    const hit = this.entries.get(key);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => Object.is(d, deps[i]))) return hit.value;
    const value = make();
    this.entries.set(key, { deps, value });
    return value;
  }

  /** Forgets keys not asked for since the last sweep, so deleted tasks do not linger. */
  sweep(): void {
    for (const k of this.entries.keys()) if (!this.seen.has(k)) this.entries.delete(k);
    this.seen.clear();
  }
}

const messagesOf = (list: { message: string }[] | undefined) => (list ? list.map((i) => i.message).join("\n") : "");
const splitMessages = (joined: string) => (joined ? joined.split("\n") : []);

/** Stage nodes in board order, left to right. */
export function stageNodes(
  cache: DeriveCache<StageFlowNode>,
  stages: readonly StageDef[],
  issues: IssueIndex,
  selected: ReadonlySet<string>,
  readOnly: boolean,
): StageFlowNode[] {
  const nodes = stages.map((stage, index) => {
    const joined = messagesOf(issues.byStage.get(stage.id));
    const isSelected = selected.has(stage.id);
    return cache.get(stage.id, [stage, index, joined, isSelected, readOnly], () => ({
      id: stage.id,
      type: "stage" as const,
      position: { x: index * STAGE_SPACING, y: STAGE_Y },
      selected: isSelected,
      data: { stage, index, issues: splitMessages(joined), taskCount: stage.taskGraph?.tasks.length ?? 0, readOnly },
    }));
  });
  cache.sweep();
  return nodes;
}

/** The fixed arrows between consecutive stages. */
export function stageEdges(stages: readonly StageDef[]): FlowEdge[] {
  return stages.slice(1).map((s, i) => ({
    id: `${stages[i]!.id}->${s.id}`,
    source: stages[i]!.id,
    target: s.id,
    selectable: false,
    focusable: false,
    deletable: false,
    markerEnd: ARROW,
  }));
}

/** Task nodes of a graph. */
export function taskNodes(
  cache: DeriveCache<TaskFlowNode>,
  stageId: string,
  graph: TaskGraph,
  issues: IssueIndex,
  selected: ReadonlySet<string>,
): TaskFlowNode[] {
  const nodes = graph.tasks.map((task) => {
    const joined = messagesOf(issues.byTask.get(taskKey(stageId, task.id)));
    const isSelected = selected.has(task.id);
    return cache.get(task.id, [task, joined, isSelected], () => ({
      id: task.id,
      type: "task" as const,
      position: task.position,
      selected: isSelected,
      data: { task, issues: splitMessages(joined) },
    }));
  });
  cache.sweep();
  return nodes;
}

const ARROW = { type: MarkerType.ArrowClosed, width: 18, height: 18 } as const;
const ARROW_RED = { ...ARROW, color: "#e11d48" } as const;
const ARROW_SELECTED = { ...ARROW, color: "#4f46e5" } as const;
const STYLE_RED = { stroke: "#e11d48", strokeWidth: 2 } as const;
const STYLE_SELECTED = { stroke: "#4f46e5", strokeWidth: 2 } as const;
const LABEL_STYLE = { fontSize: 11, fontFamily: "var(--font-mono)", fill: "#334155" } as const;
const LABEL_BG = { fill: "#f8fafc", stroke: "#cbd5e1" } as const;
const LABEL_PAD: [number, number] = [6, 3];

const OPS: Record<Condition["op"], string> = {
  equals: "=",
  not_equals: "≠",
  greater_than: ">",
  less_than: "<",
  contains: "contains",
  exists: "exists",
  not_exists: "is missing",
  truthy: "is truthy",
  falsy: "is falsy",
};

/** A condition as a short label: `{{previous_output.score}}` greater_than 3 → `score > 3`. */
export function conditionLabel(c: Condition): string {
  const left = c.left.replace(/^\{\{\s*|\s*\}\}$/g, "").replace(/^previous_output\.?/, "") || "output";
  const value = c.value === undefined ? "" : ` ${JSON.stringify(c.value)}`;
  return ["exists", "not_exists", "truthy", "falsy"].includes(c.op) ? `${left} ${OPS[c.op]}` : `${left} ${OPS[c.op]}${value}`;
}

/** Dependency edges of a graph, red where validation found a problem. */
export function taskEdges(
  cache: DeriveCache<TaskFlowEdge>,
  stageId: string,
  graph: TaskGraph,
  issues: IssueIndex,
  selected: ReadonlySet<string>,
): TaskFlowEdge[] {
  const edges = graph.edges.map((edge) => {
    const key = edgeKey(edge);
    const invalid = issues.byEdge.has(edgeIssueKey(stageId, edge));
    const isSelected = selected.has(key);
    return cache.get(key, [edge, invalid, isSelected], () => ({
      id: key,
      type: "task",
      source: edge.from,
      target: edge.to,
      selected: isSelected,
      data: { edge },
      markerEnd: invalid ? ARROW_RED : isSelected ? ARROW_SELECTED : ARROW,
      ...(invalid ? { style: STYLE_RED } : isSelected ? { style: STYLE_SELECTED } : {}),
      ...(edge.condition
        ? { label: conditionLabel(edge.condition), labelStyle: LABEL_STYLE, labelBgStyle: LABEL_BG, labelBgPadding: LABEL_PAD, labelBgBorderRadius: 4 }
        : {}),
      ...(invalid ? { className: "invalid", ariaLabel: `Dependency ${edge.from} to ${edge.to} has a problem` } : {}),
    }));
  });
  cache.sweep();
  return edges;
}
