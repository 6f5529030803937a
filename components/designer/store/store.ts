"use client";
import { createContext, useContext } from "react";
import { createStore, useStore } from "zustand";
import { type DefinitionInit, type DefinitionSlice, createDefinitionSlice, sameJson } from "./definition-slice";
import { type HistorySlice, createHistorySlice } from "./history-slice";
import { type SelectionSlice, createSelectionSlice } from "./selection-slice";

/** One store per designer on the page (never module state): the definition being edited, its history, the selection. */
export type DesignerState = DefinitionSlice & HistorySlice & SelectionSlice;
export type DesignerStore = ReturnType<typeof createDesignerStore>;

/** A fresh designer store for a definition at a version. */
export function createDesignerStore(init: DefinitionInit) {
  return createStore<DesignerState>()((...a) => ({
    ...createDefinitionSlice(init)(...a),
    ...createHistorySlice(...a),
    ...createSelectionSlice(...a),
  }));
}

export const DesignerStoreContext = createContext<DesignerStore | null>(null);

/** The designer's store itself, for handlers that read the latest state without subscribing. */
export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerStoreContext);
  if (!store) throw new Error("useDesigner needs a <DesignerStoreContext> above it.");
  return store;
}

/** A slice of the designer state; re-renders only when the selected value changes. */
export function useDesigner<T>(selector: (s: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}

/** Whether the definition differs from the last saved one. */
export const selectDirty = (s: DesignerState) => !sameJson(s.definition, s.savedDefinition);
