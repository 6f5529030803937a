"use client";
import { Background, BackgroundVariant, Controls, MiniMap } from "@xyflow/react";

const miniMapColor = (n: { data?: { issues?: unknown[] } }) => ((n.data?.issues?.length ?? 0) > 0 ? "#fda4af" : "#c7d2fe");

/** Background, zoom controls and minimap shared by both canvases. */
export function FlowChrome() {
  return (
    <>
      <Background variant={BackgroundVariant.Dots} gap={18} size={1} color="#cbd5e1" />
      <Controls showInteractive={false} position="bottom-left" />
      <MiniMap pannable zoomable position="bottom-right" nodeColor={miniMapColor} nodeStrokeWidth={2} className="!bg-white/90" />
    </>
  );
}

export const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.1 };
