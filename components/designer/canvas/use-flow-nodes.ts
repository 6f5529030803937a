"use client";
import { type Node, type NodeChange, applyNodeChanges } from "@xyflow/react";
import { useCallback, useRef, useState } from "react";

/**
 * React Flow's working copy of the derived nodes. Drags and measurements change only this local state
 * (through `applyNodeChanges`), so a drag re-renders one node per frame and touches the store once, on
 * drag stop. When the derived nodes change, the local copy follows, keeping each node's measured size (no
 * re-measuring) and, while it is being dragged, its position under the pointer.
 */
export function useFlowNodes<N extends Node>(derived: N[]) {
  const [nodes, setNodes] = useState<N[]>(derived);
  const [prev, setPrev] = useState(derived);
  const latest = useRef(derived);
  latest.current = derived;
  if (derived !== prev) {
    setPrev(derived);
    setNodes((local) => follow(derived, prev, local));
  }

  const onNodesChange = useCallback((changes: NodeChange<N>[]) => {
    const local = changes.filter((c) => c.type === "position" || c.type === "dimensions");
    if (local.length) setNodes((nds) => applyNodeChanges(local, nds));
  }, []);

  /** Drops local positions: every node goes back to where the definition puts it. */
  const reset = useCallback(() => setNodes((local) => follow(latest.current, null, local)), []);

  return { nodes, onNodesChange, reset };
}

function follow<N extends Node>(derived: N[], prev: N[] | null, local: N[]): N[] {
  const localById = new Map(local.map((n) => [n.id, n]));
  const prevById = prev ? new Map(prev.map((n) => [n.id, n])) : null;
  return derived.map((n) => {
    const old = localById.get(n.id);
    if (!old) return n;
    if (prevById?.get(n.id) === n) return old;
    if (!old.measured && !old.dragging) return n;
    return { ...n, ...(old.measured ? { measured: old.measured } : {}), ...(old.dragging ? { position: old.position, dragging: true } : {}) };
  });
}
