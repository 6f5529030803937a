"use client";
import "@xyflow/react/dist/style.css";
import { Background, BackgroundVariant, Controls, type Edge as FlowEdge, MarkerType, ReactFlow } from "@xyflow/react";
import { useMemo } from "react";
import { conditionLabel } from "@/components/designer/canvas/derive";
import { FIT_VIEW_OPTIONS } from "@/components/designer/canvas/flow-chrome";
import { TaskEdge } from "@/components/designer/canvas/task-edge";
import { edgeKey } from "@/lib/engine/graph-schema";
import type { RunView } from "@/lib/runs/queries";
import { type RunTaskFlowNode, RunTaskNode, SelectTaskContext } from "./run-task-node";

const nodeTypes = { runTask: RunTaskNode };
const edgeTypes = { task: TaskEdge };

const ARROW = { type: MarkerType.ArrowClosed, width: 18, height: 18 } as const;
const LABEL_STYLE = { fontSize: 11, fontFamily: "var(--font-mono)", fill: "#334155" } as const;
const LABEL_BG = { fill: "#f8fafc", stroke: "#cbd5e1" } as const;
const DONE = new Set(["completed"]);
const NOT_TAKEN = new Set(["skipped", "cancelled"]);

/** Edge colours follow the run: green once its source completed and its target started, faint when the target will not run. */
function edgeStyle(from: string | undefined, to: string | undefined) {
  if (to && NOT_TAKEN.has(to)) return { stroke: "#cbd5e1", strokeDasharray: "4 4" };
  if (from && DONE.has(from) && to && to !== "pending") return { stroke: "#10b981", strokeWidth: 2 };
  return undefined;
}

/**
 * The run's task graph, read-only, laid out where the designer placed each task. Clicking (or pressing
 * Enter on) a task selects it; the page shows its panel.
 */
export function RunGraph({ view, selected, onSelect }: { view: RunView; selected: string | null; onSelect: (key: string) => void }) {
  const nodes = useMemo<RunTaskFlowNode[]>(() => {
    const byKey = new Map(view.tasks.map((t) => [t.key, t]));
    return view.graph.tasks.flatMap((def) => {
      const task = byKey.get(def.id);
      if (!task) return [];
      return [
        {
          id: def.id,
          type: "runTask" as const,
          position: def.position,
          data: { task, selected: selected === def.id, maxAttempts: def.retry.maxAttempts },
          draggable: false,
          connectable: false,
          selectable: false,
        },
      ];
    });
  }, [view, selected]);

  const edges = useMemo<FlowEdge[]>(() => {
    const status = new Map(view.tasks.map((t) => [t.key, t.status]));
    return view.graph.edges.map((edge) => {
      const style = edgeStyle(status.get(edge.from), status.get(edge.to));
      return {
        id: edgeKey(edge),
        type: "task",
        source: edge.from,
        target: edge.to,
        selectable: false,
        focusable: false,
        markerEnd: style?.stroke ? { ...ARROW, color: style.stroke } : ARROW,
        ...(style ? { style } : {}),
        ...(edge.condition
          ? { label: conditionLabel(edge.condition), labelStyle: LABEL_STYLE, labelBgStyle: LABEL_BG, labelBgPadding: [6, 3] as [number, number], labelBgBorderRadius: 4 }
          : {}),
      };
    });
  }, [view]);

  return (
    <SelectTaskContext value={onSelect}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        // A handler gives nodes pointer events (unselectable, undraggable nodes have none otherwise).
        onNodeClick={(_, node) => onSelect(node.id)}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.1}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} color="#cbd5e1" />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
    </SelectTaskContext>
  );
}
