"use client";
import { type Connection, type EdgeChange, type Edge as FlowEdge, type NodeChange, ReactFlow } from "@xyflow/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { type TaskGraph, emptyGraph } from "@/lib/engine/graph-schema";
import { canConnect, connect, setPositions } from "../edits";
import type { IssueIndex } from "../issues";
import { useDesigner, useDesignerStore } from "../store/store";
import { DeriveCache, type TaskFlowEdge, type TaskFlowNode, taskEdges, taskNodes } from "./derive";
import { FIT_VIEW_OPTIONS, FlowChrome } from "./flow-chrome";
import { TaskEdge } from "./task-edge";
import { TaskNode } from "./task-node";
import { useCanvasDrop } from "./use-canvas-drop";
import { useFlowNodes } from "./use-flow-nodes";

const nodeTypes = { task: TaskNode };
const edgeTypes = { task: TaskEdge };
const EMPTY: TaskGraph = emptyGraph();
/** Past this many tasks, only what is on screen is rendered (panning a 500-task graph stays smooth). */
const VISIBLE_ONLY_FROM = 150;

/** A stage's task graph: tasks as nodes, dependencies as edges drawn from a right handle to a left one. */
export function TaskCanvas({ stageId, issues, readOnly }: { stageId: string; issues: IssueIndex; readOnly: boolean }) {
  const store = useDesignerStore();
  const graph = useDesigner((s) => s.definition.stages.find((x) => x.id === stageId)?.taskGraph ?? EMPTY);
  const selectedTasks = useDesigner((s) => s.selection.tasks);
  const selectedEdges = useDesigner((s) => s.selection.edges);
  const [nodeCache] = useState(() => new DeriveCache<TaskFlowNode>());
  const [edgeCache] = useState(() => new DeriveCache<TaskFlowEdge>());
  const taskSet = useMemo(() => new Set(selectedTasks), [selectedTasks]);
  const edgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const derived = useMemo(() => taskNodes(nodeCache, stageId, graph, issues, taskSet), [nodeCache, stageId, graph, issues, taskSet]);
  const edges = useMemo(() => taskEdges(edgeCache, stageId, graph, issues, edgeSet), [edgeCache, stageId, graph, issues, edgeSet]);
  const { nodes, onNodesChange } = useFlowNodes(derived);
  const drop = useCanvasDrop(!readOnly);
  const graphRef = useRef(graph);
  graphRef.current = graph;

  const handleNodesChange = useCallback(
    (changes: NodeChange<TaskFlowNode>[]) => {
      const picks: { id: string; selected: boolean }[] = [];
      const moved = new Map<string, { x: number; y: number }>();
      for (const c of changes) {
        if (c.type === "select") picks.push({ id: c.id, selected: c.selected });
        // A position without `dragging` is final: the end of a drag, or a move by arrow keys.
        else if (c.type === "position" && c.position && !c.dragging) moved.set(c.id, c.position);
      }
      onNodesChange(changes);
      const s = store.getState();
      if (picks.length) s.toggle("tasks", picks);
      if (moved.size && !readOnly) s.apply((d) => setPositions(d, stageId, moved));
    },
    [store, stageId, readOnly, onNodesChange],
  );

  const handleEdgesChange = useCallback(
    (changes: EdgeChange<TaskFlowEdge>[]) => {
      const picks = changes.flatMap((c) => (c.type === "select" ? [{ id: c.id, selected: c.selected }] : []));
      if (picks.length) store.getState().toggle("edges", picks);
    },
    [store],
  );

  const isValidConnection = useCallback((c: Connection | FlowEdge) => canConnect(graphRef.current, c.source, c.target), []);
  const onConnect = useCallback(
    (c: Connection) => store.getState().apply((d) => connect(d, stageId, c.source, c.target)),
    [store, stageId],
  );

  return (
    <ReactFlow<TaskFlowNode, TaskFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={handleNodesChange}
      onEdgesChange={handleEdgesChange}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      onDragOver={drop.onDragOver}
      onDrop={drop.onDrop}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      deleteKeyCode={null}
      zoomOnDoubleClick={false}
      onlyRenderVisibleElements={graph.tasks.length >= VISIBLE_ONLY_FROM}
      fitView
      fitViewOptions={FIT_VIEW_OPTIONS}
      minZoom={0.1}
    >
      <FlowChrome />
    </ReactFlow>
  );
}
