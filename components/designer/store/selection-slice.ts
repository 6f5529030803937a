import type { StateCreator } from "zustand";
import type { WorkflowDefinition } from "@/lib/workflows/definition";
import { edgeKey } from "@/lib/engine/graph-schema";
import type { DesignerState } from "./store";

/** What is selected: stages at the stage level; tasks and edges (`from->to`) inside the open stage. */
export type Selection = { stages: string[]; tasks: string[]; edges: string[] };

export const NOTHING: Selection = { stages: [], tasks: [], edges: [] };

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The selection without ids that no longer exist (after an undo, a delete or a rename elsewhere). */
export function pruneSelection(sel: Selection, def: WorkflowDefinition, openStageId: string | null): Selection {
  const stageIds = new Set(def.stages.map((s) => s.id));
  const graph = def.stages.find((s) => s.id === openStageId)?.taskGraph;
  const taskIds = new Set(graph?.tasks.map((t) => t.id));
  const edgeKeys = new Set(graph?.edges.map(edgeKey));
  const next = {
    stages: sel.stages.filter((id) => stageIds.has(id)),
    tasks: sel.tasks.filter((id) => taskIds.has(id)),
    edges: sel.edges.filter((k) => edgeKeys.has(k)),
  };
  return same(next.stages, sel.stages) && same(next.tasks, sel.tasks) && same(next.edges, sel.edges) ? sel : next;
}

export type SelectionSlice = {
  selection: Selection;
  /** Replaces the selection (missing kinds become empty). */
  select: (sel: Partial<Selection>) => void;
  /** Adds or removes single ids, as React Flow's select changes do. */
  toggle: (kind: keyof Selection, changes: readonly { id: string; selected: boolean }[]) => void;
};

export const createSelectionSlice: StateCreator<DesignerState, [], [], SelectionSlice> = (set) => ({
  selection: NOTHING,
  select: (sel) => set({ selection: { ...NOTHING, ...sel } }),
  toggle: (kind, changes) =>
    set((s) => {
      const ids = new Set(s.selection[kind]);
      for (const c of changes) {
        if (c.selected) ids.add(c.id);
        else ids.delete(c.id);
      }
      const list = [...ids];
      return same(list, s.selection[kind]) ? s : { selection: { ...s.selection, [kind]: list } };
    }),
});
