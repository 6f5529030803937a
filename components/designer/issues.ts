import { edgeKey } from "@/lib/engine/graph-schema";
import type { DefinitionIssue, WorkflowDefinition } from "@/lib/workflows/definition";

/**
 * Validation issues indexed the ways the canvas, inspector and problems panel look them up. Built once
 * per validation, so nodes get their own issues without scanning the whole list.
 */

export type IssueIndex = {
  all: DefinitionIssue[];
  /** Every issue in a stage, its tasks' and edges' included (the stage node's badge counts these). */
  byStage: Map<string, DefinitionIssue[]>;
  /** Issues of a stage's own settings (no task or edge). */
  stageOwn: Map<string, DefinitionIssue[]>;
  /** By `stageId/taskId`. */
  byTask: Map<string, DefinitionIssue[]>;
  /** By `stageId/from->to`. */
  byEdge: Map<string, DefinitionIssue[]>;
};

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

export const taskKey = (stageId: string, taskId: string) => `${stageId}/${taskId}`;
export const edgeIssueKey = (stageId: string, e: { from: string; to: string }) => `${stageId}/${edgeKey(e)}`;

/** Indexes issues by stage, task and edge. */
export function indexIssues(all: DefinitionIssue[]): IssueIndex {
  const index: IssueIndex = { all, byStage: new Map(), stageOwn: new Map(), byTask: new Map(), byEdge: new Map() };
  for (const i of all) {
    if (!i.stageId) continue;
    push(index.byStage, i.stageId, i);
    if (i.taskId !== undefined) push(index.byTask, taskKey(i.stageId, i.taskId), i);
    else if (i.edge) push(index.byEdge, edgeIssueKey(i.stageId, i.edge), i);
    else push(index.stageOwn, i.stageId, i);
  }
  return index;
}

/** The messages of the issues about one field (or anything below it, e.g. `executor` covers `executor.url`). */
export function fieldMessages(issues: readonly DefinitionIssue[] | undefined, field: string): string[] | undefined {
  const found = issues?.filter((i) => i.field === field || i.field?.startsWith(`${field}.`)).map((i) => i.message);
  return found?.length ? found : undefined;
}

/** Issues that name no field the inspector shows, for its summary line. */
export function unplacedMessages(issues: readonly DefinitionIssue[] | undefined, fields: readonly string[]): string[] {
  return (issues ?? []).filter((i) => !i.field || !fields.some((f) => i.field === f || i.field!.startsWith(`${f}.`))).map((i) => i.message);
}

/**
 * The server's `fieldErrors` (keyed by paths such as `stages.1.taskGraph.tasks.0.name`) as issues placed
 * on the stage, task or edge they name.
 */
export function issuesFromFieldErrors(def: WorkflowDefinition, fieldErrors: Record<string, string[] | undefined>): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  for (const [rawPath, messages] of Object.entries(fieldErrors)) {
    const path = rawPath.replace(/^definition\./, "");
    const m = /^stages\.(\d+)(?:\.(.*))?$/.exec(path);
    const stage = m ? def.stages[Number(m[1])] : undefined;
    for (const message of messages ?? []) {
      if (!stage) {
        out.push({ path, message });
        continue;
      }
      const rest = m![2] ?? "";
      const t = /^taskGraph\.tasks\.(\d+)(?:\.(.*))?$/.exec(rest);
      const e = /^taskGraph\.edges\.(\d+)(?:\.(.*))?$/.exec(rest);
      const task = t ? stage.taskGraph?.tasks[Number(t[1])] : undefined;
      const edge = e ? stage.taskGraph?.edges[Number(e[1])] : undefined;
      if (task) out.push({ path, message, stageId: stage.id, taskId: task.id, ...(t![2] ? { field: t![2] } : {}) });
      else if (edge) out.push({ path, message, stageId: stage.id, edge: { from: edge.from, to: edge.to }, ...(e![2] ? { field: e![2] } : {}) });
      else out.push({ path, message, stageId: stage.id, ...(rest ? { field: rest } : {}) });
    }
  }
  return out;
}
