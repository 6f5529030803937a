"use client";
import { useCallback, useMemo } from "react";
import type { WorkflowDefinition } from "@/lib/workflows/definition";
import { useAnnounce } from "./announcer";
import { disconnect, pasteStages, pasteTasks, removeStages, removeTasks, subgraph } from "./edits";
import { useDesignerStore } from "./store/store";
import { newUuid } from "./uuid";

const PASTE_OFFSET = { x: 40, y: 40 };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Delete, copy and paste of whatever is selected, at the level on screen. */
export function useSelectionActions() {
  const store = useDesignerStore();
  const announce = useAnnounce();

  const deleteSelection = useCallback(() => {
    const s = store.getState();
    const { stages, tasks, edges } = s.selection;
    if (s.openStageId === null) {
      if (!stages.length) return;
      s.apply((d) => removeStages(d, stages), { select: {} });
      announce(`Deleted ${plural(stages.length, "stage")}.`);
      return;
    }
    if (!tasks.length && !edges.length) return;
    const stageId = s.openStageId;
    s.apply((d: WorkflowDefinition) => removeTasks(disconnect(d, stageId, edges), stageId, tasks), { select: {} });
    const parts = [tasks.length ? plural(tasks.length, "task") : "", edges.length ? plural(edges.length, "dependency", "dependencies") : ""];
    announce(`Deleted ${parts.filter(Boolean).join(" and ")}.`);
  }, [store, announce]);

  const copy = useCallback(() => {
    const s = store.getState();
    if (s.openStageId === null) {
      const stages = s.definition.stages.filter((x) => s.selection.stages.includes(x.id));
      if (!stages.length) return;
      s.setClipboard({ kind: "stages", stages });
      announce(`Copied ${plural(stages.length, "stage")}.`);
      return;
    }
    const graph = s.definition.stages.find((x) => x.id === s.openStageId)?.taskGraph;
    if (!graph || !s.selection.tasks.length) return;
    s.setClipboard({ kind: "tasks", ...subgraph(graph, s.selection.tasks) });
    announce(`Copied ${plural(s.selection.tasks.length, "task")}.`);
  }, [store, announce]);

  const paste = useCallback(() => {
    const s = store.getState();
    const clip = s.clipboard;
    if (!clip) return;
    if (clip.kind === "stages" && s.openStageId === null) {
      const selected = s.selection.stages.map((id) => s.definition.stages.findIndex((x) => x.id === id)).filter((i) => i >= 0);
      const index = selected.length ? Math.max(...selected) + 1 : s.definition.stages.length;
      const { definition, ids } = pasteStages(s.definition, clip.stages, index, () => newUuid());
      s.apply(() => definition, { select: { stages: ids } });
      announce(`Pasted ${plural(ids.length, "stage")}.`);
    } else if (clip.kind === "tasks" && s.openStageId !== null) {
      const stageId = s.openStageId;
      const { definition, ids } = pasteTasks(s.definition, stageId, clip, PASTE_OFFSET);
      s.apply(() => definition, { select: { tasks: ids } });
      // The next paste lands beside this one instead of on top of it.
      const graph = definition.stages.find((x) => x.id === stageId)?.taskGraph;
      if (graph) s.setClipboard({ kind: "tasks", ...subgraph(graph, ids) });
      announce(`Pasted ${plural(ids.length, "task")}.`);
    }
  }, [store, announce]);

  return useMemo(() => ({ deleteSelection, copy, paste }), [deleteSelection, copy, paste]);
}
