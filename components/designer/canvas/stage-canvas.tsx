"use client";
import { type NodeChange, type NodeMouseHandler, ReactFlow, useReactFlow } from "@xyflow/react";
import { useCallback, useMemo, useState } from "react";
import { hasTaskGraph } from "@/lib/workflows/definition";
import { orderStages } from "../edits";
import type { IssueIndex } from "../issues";
import { useDesigner, useDesignerStore } from "../store/store";
import { DeriveCache, type StageFlowNode, stageEdges, stageNodes } from "./derive";
import { FIT_VIEW_OPTIONS, FlowChrome } from "./flow-chrome";
import { StageNode } from "./stage-node";
import { useCanvasDrop } from "./use-canvas-drop";
import { useFlowNodes } from "./use-flow-nodes";

const nodeTypes = { stage: StageNode };

/** The stage level: stages left to right in board order; dragging one sideways reorders. */
export function StageCanvas({ issues, readOnly }: { issues: IssueIndex; readOnly: boolean }) {
  const store = useDesignerStore();
  const stages = useDesigner((s) => s.definition.stages);
  const selectedIds = useDesigner((s) => s.selection.stages);
  const [cache] = useState(() => new DeriveCache<StageFlowNode>());
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  const derived = useMemo(() => stageNodes(cache, stages, issues, selected, readOnly), [cache, stages, issues, selected, readOnly]);
  const edges = useMemo(() => stageEdges(stages), [stages]);
  const { nodes, onNodesChange, reset } = useFlowNodes(derived);
  const { getNodes } = useReactFlow();
  const drop = useCanvasDrop(!readOnly);

  const handleNodesChange = useCallback(
    (changes: NodeChange<StageFlowNode>[]) => {
      const picks = changes.flatMap((c) => (c.type === "select" ? [{ id: c.id, selected: c.selected }] : []));
      if (picks.length) store.getState().toggle("stages", picks);
      onNodesChange(changes);
    },
    [store, onNodesChange],
  );

  const onNodeDragStop = useCallback(() => {
    const order = [...getNodes()].sort((a, b) => a.position.x - b.position.x).map((n) => n.id);
    store.getState().apply((d) => orderStages(d, order));
    reset();
  }, [getNodes, store, reset]);

  const onNodeDoubleClick: NodeMouseHandler<StageFlowNode> = useCallback(
    (_, node) => {
      if (hasTaskGraph(node.data.stage.type)) store.getState().openStage(node.id);
    },
    [store],
  );

  return (
    <ReactFlow<StageFlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={handleNodesChange}
      onNodeDragStop={onNodeDragStop}
      onNodeDoubleClick={onNodeDoubleClick}
      onDragOver={drop.onDragOver}
      onDrop={drop.onDrop}
      nodesDraggable={!readOnly}
      nodesConnectable={false}
      deleteKeyCode={null}
      zoomOnDoubleClick={false}
      fitView
      fitViewOptions={FIT_VIEW_OPTIONS}
      minZoom={0.2}
    >
      <FlowChrome />
    </ReactFlow>
  );
}
