"use client";
import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { PALETTE_MIME, useDnD } from "../dnd-context";
import { useAddItem } from "../use-add-item";

/** Drag-over and drop handlers that add the dragged palette item where it is dropped. */
export function useCanvasDrop(enabled: boolean) {
  const { screenToFlowPosition } = useReactFlow();
  const [dragKind, setDragKind] = useDnD();
  const add = useAddItem();
  const onDragOver = useCallback(
    (e: React.DragEvent) => {
      if (!enabled) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
    },
    [enabled],
  );
  const onDrop = useCallback(
    (e: React.DragEvent) => {
      if (!enabled) return;
      e.preventDefault();
      const kind = e.dataTransfer.getData(PALETTE_MIME) || dragKind;
      setDragKind(null);
      if (kind) add(kind, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [enabled, dragKind, setDragKind, add, screenToFlowPosition],
  );
  return { onDragOver, onDrop };
}
