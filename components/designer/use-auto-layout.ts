"use client";
import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { TASK_HEIGHT, TASK_WIDTH } from "./canvas/derive";
import { setPositions } from "./edits";
import { layoutGraph } from "./layout";
import { useAnnounce } from "./announcer";
import { useDesignerStore } from "./store/store";

/** Lays the open stage's tasks out left to right (one undo step), then fits them in view. */
export function useAutoLayout() {
  const store = useDesignerStore();
  const announce = useAnnounce();
  const { getNodes, fitView } = useReactFlow();
  return useCallback(() => {
    const s = store.getState();
    const stageId = s.openStageId;
    const graph = s.definition.stages.find((x) => x.id === stageId)?.taskGraph;
    if (!stageId || !graph?.tasks.length) return;
    const sizes = new Map(getNodes().map((n) => [n.id, n.measured]));
    const nodes = graph.tasks.map((t) => ({ id: t.id, width: sizes.get(t.id)?.width ?? TASK_WIDTH, height: sizes.get(t.id)?.height ?? TASK_HEIGHT }));
    s.apply((d) => setPositions(d, stageId, layoutGraph(nodes, graph.edges)));
    requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1.1, duration: 200 }));
    announce(`Arranged ${graph.tasks.length} tasks.`);
  }, [store, announce, getNodes, fitView]);
}
