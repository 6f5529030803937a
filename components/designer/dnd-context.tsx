"use client";
import { createContext, useContext, useState } from "react";

/** The palette item being dragged (HTML5 drag and drop), as in the xyflow drag-and-drop example. */
const DnDContext = createContext<[string | null, (kind: string | null) => void]>([null, () => {}]);

export const PALETTE_MIME = "application/x-tandem-palette";

export function DnDProvider({ children }: { children: React.ReactNode }) {
  const state = useState<string | null>(null);
  return <DnDContext.Provider value={state}>{children}</DnDContext.Provider>;
}

/** `[kind, setKind]` of the palette drag in progress. */
export function useDnD() {
  return useContext(DnDContext);
}
