import { type StageDef, type StageKind, type WorkflowDefinition, type WorkflowSettings, newStage, uniqueStageName } from "@/lib/workflows/definition";
import type { TaskGraph } from "@/lib/engine/graph-schema";

/**
 * Every designer edit as a pure function on the definition: the store only records the results, so undo
 * is a stack of definitions and the tests need no React. An edit that changes nothing returns its input,
 * which lets the store skip a history step. Task-level edits live in `edits-tasks.ts`.
 */

import { type BudgetPatch, budgetWith, sameBudget } from "./edits-tasks";

export * from "./edits-tasks";

export const STAGE_LABELS: Record<StageKind, string> = {
  HUMAN: "Human step",
  AUTOMATION: "Automation",
  AGENT_ASSIST: "Agent assist",
};

const clampIndex = (def: WorkflowDefinition, index: number) => Math.max(0, Math.min(def.stages.length, Math.round(index)));

/** Inserts a new stage of `type` at `index` (clamped), named after its type. */
export function addStage(def: WorkflowDefinition, type: StageKind, index: number, id: string): WorkflowDefinition {
  const stage = newStage(id, type, uniqueStageName(def, STAGE_LABELS[type]));
  const stages = [...def.stages];
  stages.splice(clampIndex(def, index), 0, stage);
  return { ...def, stages };
}

/** Moves the stage at `from` to `to`. */
export function moveStage(def: WorkflowDefinition, from: number, to: number): WorkflowDefinition {
  if (from === to || from < 0 || from >= def.stages.length) return def;
  const stages = [...def.stages];
  const [moved] = stages.splice(from, 1);
  stages.splice(Math.max(0, Math.min(stages.length, to)), 0, moved!);
  return { ...def, stages };
}

/** Puts the stages in the order of `ids` (stages missing from `ids` keep their place at the end). */
export function orderStages(def: WorkflowDefinition, ids: readonly string[]): WorkflowDefinition {
  const rank = new Map(ids.map((id, i) => [id, i]));
  const stages = [...def.stages].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
  return stages.every((s, i) => s === def.stages[i]) ? def : { ...def, stages };
}

/** Removes the stages with these ids. */
export function removeStages(def: WorkflowDefinition, ids: readonly string[]): WorkflowDefinition {
  const gone = new Set(ids);
  const stages = def.stages.filter((s) => !gone.has(s.id));
  return stages.length === def.stages.length ? def : { ...def, stages };
}

/** Changes some settings of one stage; a stage turned human keeps its graph so switching back loses nothing. */
export function updateStage(def: WorkflowDefinition, id: string, patch: Partial<Omit<StageDef, "id">>): WorkflowDefinition {
  let changed = false;
  const stages = def.stages.map((s) => {
    if (s.id !== id) return s;
    const keys = Object.keys(patch) as (keyof typeof patch)[];
    if (keys.every((k) => Object.is(s[k], patch[k]))) return s;
    changed = true;
    return { ...s, ...patch };
  });
  return changed ? { ...def, stages } : def;
}

/** Sets or clears limits of a stage's run budget; with neither limit left the stage has none (`budget: null`). */
export function setStageBudget(def: WorkflowDefinition, id: string, patch: BudgetPatch): WorkflowDefinition {
  const stage = def.stages.find((s) => s.id === id);
  if (!stage) return def;
  const budget = budgetWith(stage.budget, patch);
  return sameBudget(stage.budget, budget) ? def : updateStage(def, id, { budget });
}

/** Changes some workflow-wide settings. */
export function updateSettings(def: WorkflowDefinition, patch: Partial<WorkflowSettings>): WorkflowDefinition {
  const keys = Object.keys(patch) as (keyof WorkflowSettings)[];
  if (keys.every((k) => Object.is(def.settings[k], patch[k]))) return def;
  return { ...def, settings: { ...def.settings, ...patch } };
}

/** Copies of `stages` inserted at `index`, with fresh ids and names "X (copy)"; returns the new ids too. */
export function pasteStages(
  def: WorkflowDefinition,
  copies: readonly StageDef[],
  index: number,
  newId: () => string,
): { definition: WorkflowDefinition; ids: string[] } {
  const fresh: StageDef[] = [];
  for (const c of copies) {
    const name = uniqueStageName({ stages: [...def.stages, ...fresh] }, `${c.name.slice(0, 66)} (copy)`);
    fresh.push({ ...structuredClone(c), id: newId(), name });
  }
  const stages = [...def.stages];
  stages.splice(clampIndex(def, index), 0, ...fresh);
  return { definition: fresh.length ? { ...def, stages } : def, ids: fresh.map((s) => s.id) };
}

/** Stage settings an imported file set (run timeout, policy tags, budget); absent ones stay as they are. */
export type ImportedStageFields = Partial<Pick<StageDef, "runTimeoutMs" | "policyTags" | "budget">>;

/** Replaces the whole task graph of a stage, and the stage settings the imported file set. */
export function setStageGraph(def: WorkflowDefinition, stageId: string, graph: TaskGraph, fields: ImportedStageFields = {}): WorkflowDefinition {
  return updateStage(def, stageId, { taskGraph: graph, ...fields });
}

/** Appends an automation stage named after an imported descriptor, holding its graph (and the settings the file set). */
export function appendGraphStage(def: WorkflowDefinition, name: string, graph: TaskGraph, id: string, fields: ImportedStageFields = {}): WorkflowDefinition {
  const stage = { ...newStage(id, "AUTOMATION", uniqueStageName(def, name.trim() || STAGE_LABELS.AUTOMATION)), taskGraph: graph, ...fields };
  return { ...def, stages: [...def.stages, stage] };
}
