import { Graph, layout } from "@dagrejs/dagre";

/**
 * Left-to-right auto-layout of a task graph with dagre. Pure: sizes in, top-left positions out (React
 * Flow positions a node by its top-left corner, dagre by its centre). Cycles are fine: dagre breaks them.
 */

export type LayoutNode = { id: string; width: number; height: number };
export type LayoutEdge = { from: string; to: string };

export const LAYOUT_GAPS = { ranksep: 90, nodesep: 40 };

/** Positions for every node, ranked left to right along the edges. */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, { x: number; y: number }> {
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", ...LAYOUT_GAPS, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  const known = new Set(nodes.map((n) => n.id));
  for (const e of edges) if (known.has(e.from) && known.has(e.to) && e.from !== e.to) g.setEdge(e.from, e.to);
  layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const placed = g.node(n.id);
    out.set(n.id, { x: Math.round(placed.x! - n.width / 2), y: Math.round(placed.y! - n.height / 2) });
  }
  return out;
}
