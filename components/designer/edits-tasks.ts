import type { WorkflowDefinition } from "@/lib/workflows/definition";
import {
  type Budget,
  type Condition,
  type Edge,
  type Executor,
  type Task,
  type TaskGraph,
  TASK_ID_PATTERN,
  edgeKey,
  emptyGraph,
  newTask,
} from "@/lib/engine/graph-schema";

/** Task-level edits: pure functions on the definition that change one stage's task graph. */

type Position = { x: number; y: number };

/** Applies a graph edit to one stage's graph (an empty one when it has none yet); unchanged graph, same definition. */
export function editGraph(def: WorkflowDefinition, stageId: string, edit: (g: TaskGraph) => TaskGraph): WorkflowDefinition {
  const i = def.stages.findIndex((s) => s.id === stageId);
  const stage = def.stages[i];
  if (!stage) return def;
  const before = stage.taskGraph ?? emptyGraph();
  const after = edit(before);
  if (after === before) return def;
  const stages = [...def.stages];
  stages[i] = { ...stage, taskGraph: after };
  return { ...def, stages };
}

function freeId(taken: ReadonlySet<string>, base: string): string {
  const stem = base.slice(0, 58);
  for (let n = 1; ; n++) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

/** A fresh id for a task of this executor kind: `agent_1`, `http_2`… (the first number not taken). */
export function newTaskId(graph: TaskGraph, kind: string): string {
  return freeId(new Set(graph.tasks.map((t) => t.id)), kind);
}

/** A task with the default retry policy and no schemas, loop or timeout. */
export function makeTask(id: string, name: string, executor: Executor, position: Position): Task {
  return newTask(id, executor, { name, position: { x: Math.round(position.x), y: Math.round(position.y) } });
}

/** Adds a task (refused when its id is taken). */
export function addTask(def: WorkflowDefinition, stageId: string, task: Task): WorkflowDefinition {
  return editGraph(def, stageId, (g) => (g.tasks.some((t) => t.id === task.id) ? g : { ...g, tasks: [...g.tasks, task] }));
}

/** Changes some fields of one task (not its id: see `renameTask`). */
export function updateTask(def: WorkflowDefinition, stageId: string, id: string, patch: Partial<Omit<Task, "id">>): WorkflowDefinition {
  return editGraph(def, stageId, (g) => {
    const i = g.tasks.findIndex((t) => t.id === id);
    const task = g.tasks[i];
    if (!task) return g;
    const keys = Object.keys(patch) as (keyof typeof patch)[];
    if (keys.every((k) => Object.is(task[k], patch[k]))) return g;
    const tasks = [...g.tasks];
    tasks[i] = { ...task, ...patch };
    return { ...g, tasks };
  });
}

/** One limit of a budget; the other stays as it was. */
export type BudgetPatch = Partial<Budget>;

/** A budget with some limits changed: null once neither limit is left, which is "no budget" (the schema refuses an empty one). */
export function budgetWith(budget: Budget | null | undefined, patch: BudgetPatch): Budget | null {
  const maxCostUsd = patch.maxCostUsd !== undefined ? patch.maxCostUsd : (budget?.maxCostUsd ?? null);
  const maxTokens = patch.maxTokens !== undefined ? patch.maxTokens : (budget?.maxTokens ?? null);
  return maxCostUsd === null && maxTokens === null ? null : { maxCostUsd, maxTokens };
}

/** Whether two budgets set the same limits; no budget (absent or null) is one value. */
export function sameBudget(a: Budget | null | undefined, b: Budget | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.maxCostUsd === b.maxCostUsd && a.maxTokens === b.maxTokens;
}

/** Sets or clears limits of an agent task's budget; with neither limit left the task has none (`budget: null`). */
export function setTaskBudget(def: WorkflowDefinition, stageId: string, id: string, patch: BudgetPatch): WorkflowDefinition {
  const task = def.stages.find((s) => s.id === stageId)?.taskGraph?.tasks.find((t) => t.id === id);
  if (!task) return def;
  const budget = budgetWith(task.budget, patch);
  return sameBudget(task.budget, budget) ? def : updateTask(def, stageId, id, { budget });
}

/** Why a task cannot take this id, or null when it can. */
export function taskIdProblem(graph: TaskGraph, oldId: string, newId: string): string | null {
  if (!TASK_ID_PATTERN.test(newId)) return "Use 1–64 letters, digits, “_” or “-”, starting with a letter.";
  if (newId !== oldId && graph.tasks.some((t) => t.id === newId)) return `Another task already has the id “${newId}”.`;
  return null;
}

/** Gives a task a new id and moves its edges along; refused (input returned) when the id is invalid or taken. */
export function renameTask(def: WorkflowDefinition, stageId: string, oldId: string, newId: string): WorkflowDefinition {
  return editGraph(def, stageId, (g) => {
    if (oldId === newId || !g.tasks.some((t) => t.id === oldId) || taskIdProblem(g, oldId, newId)) return g;
    const swap = (id: string) => (id === oldId ? newId : id);
    return {
      ...g,
      tasks: g.tasks.map((t) => (t.id === oldId ? { ...t, id: newId } : t)),
      edges: g.edges.map((e) => (e.from === oldId || e.to === oldId ? { ...e, from: swap(e.from), to: swap(e.to) } : e)),
    };
  });
}

/** Removes tasks and every edge that touches them. */
export function removeTasks(def: WorkflowDefinition, stageId: string, ids: readonly string[]): WorkflowDefinition {
  const gone = new Set(ids);
  return editGraph(def, stageId, (g) => {
    const tasks = g.tasks.filter((t) => !gone.has(t.id));
    if (tasks.length === g.tasks.length) return g;
    return { ...g, tasks, edges: g.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)) };
  });
}

/** Whether a dependency may be drawn: both tasks exist, not a self-link, not already there. Cycles may be drawn (validation names them). */
export function canConnect(graph: TaskGraph, from: string, to: string): boolean {
  if (from === to) return false;
  if (!graph.tasks.some((t) => t.id === from) || !graph.tasks.some((t) => t.id === to)) return false;
  return !graph.edges.some((e) => e.from === from && e.to === to);
}

/** Adds the dependency `from → to` without a condition (refused as in `canConnect`). */
export function connect(def: WorkflowDefinition, stageId: string, from: string, to: string): WorkflowDefinition {
  return editGraph(def, stageId, (g) => (canConnect(g, from, to) ? { ...g, edges: [...g.edges, { from, to, condition: null }] } : g));
}

/** Removes the edges with these keys (`from->to`). */
export function disconnect(def: WorkflowDefinition, stageId: string, keys: readonly string[]): WorkflowDefinition {
  const gone = new Set(keys);
  return editGraph(def, stageId, (g) => {
    const edges = g.edges.filter((e) => !gone.has(edgeKey(e)));
    return edges.length === g.edges.length ? g : { ...g, edges };
  });
}

/** Sets or clears (null) the condition of one edge. */
export function setEdgeCondition(def: WorkflowDefinition, stageId: string, key: string, condition: Condition | null): WorkflowDefinition {
  return editGraph(def, stageId, (g) => {
    const i = g.edges.findIndex((e) => edgeKey(e) === key);
    if (i < 0 || g.edges[i]!.condition === condition) return g;
    const edges = [...g.edges];
    edges[i] = { ...g.edges[i]!, condition };
    return { ...g, edges };
  });
}

/** The tasks with these ids and the edges between them: what a copy takes. */
export function subgraph(graph: TaskGraph, ids: readonly string[]): { tasks: Task[]; edges: Edge[] } {
  const wanted = new Set(ids);
  return { tasks: graph.tasks.filter((t) => wanted.has(t.id)), edges: graph.edges.filter((e) => wanted.has(e.from) && wanted.has(e.to)) };
}

/** Pastes copied tasks with fresh ids, shifted by `offset`, keeping the edges among them; returns the new ids. */
export function pasteTasks(
  def: WorkflowDefinition,
  stageId: string,
  copied: { tasks: readonly Task[]; edges: readonly Edge[] },
  offset: Position,
): { definition: WorkflowDefinition; ids: string[] } {
  const ids: string[] = [];
  const definition = editGraph(def, stageId, (g) => {
    if (copied.tasks.length === 0) return g;
    const taken = new Set(g.tasks.map((t) => t.id));
    const renamed = new Map<string, string>();
    for (const t of copied.tasks) {
      const id = freeId(taken, t.id.replace(/_\d+$/, ""));
      taken.add(id);
      renamed.set(t.id, id);
      ids.push(id);
    }
    const tasks = copied.tasks.map((t) => ({
      ...structuredClone(t),
      id: renamed.get(t.id)!,
      position: { x: t.position.x + offset.x, y: t.position.y + offset.y },
    }));
    const edges = copied.edges
      .filter((e) => renamed.has(e.from) && renamed.has(e.to))
      .map((e) => ({ ...structuredClone(e), from: renamed.get(e.from)!, to: renamed.get(e.to)! }));
    return { ...g, tasks: [...g.tasks, ...tasks], edges: [...g.edges, ...edges] };
  });
  return { definition, ids };
}

/** Moves tasks to new positions (after a drag or an auto-layout): one edit, so one undo step. */
export function setPositions(def: WorkflowDefinition, stageId: string, positions: ReadonlyMap<string, Position>): WorkflowDefinition {
  return editGraph(def, stageId, (g) => {
    let changed = false;
    const tasks = g.tasks.map((t) => {
      const p = positions.get(t.id);
      if (!p) return t;
      const x = Math.round(p.x);
      const y = Math.round(p.y);
      if (x === t.position.x && y === t.position.y) return t;
      changed = true;
      return { ...t, position: { x, y } };
    });
    return changed ? { ...g, tasks } : g;
  });
}
