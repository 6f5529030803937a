import type { StateCreator } from "zustand";
import type { WorkflowDefinition } from "@/lib/workflows/definition";
import type { DesignerState } from "./store";

/**
 * Undo/redo as stacks of whole definitions: edits share structure, so a step costs the changed objects
 * only. Typing in one field within COALESCE_MS of the last keystroke extends the current step instead of
 * adding one, so undo takes back a word, not a letter.
 */

export const HISTORY_LIMIT = 100;
export const COALESCE_MS = 500;

export type History = {
  past: WorkflowDefinition[];
  future: WorkflowDefinition[];
  /** The coalescing key of the last recorded edit, and when it happened. */
  lastKey: string | null;
  lastAt: number;
};

export const emptyHistory = (): History => ({ past: [], future: [], lastKey: null, lastAt: 0 });

/** The history after an edit that replaced `previous`: one more step, or the same step when it coalesces. */
export function record(h: History, previous: WorkflowDefinition, key: string | undefined, now: number): History {
  if (key !== undefined && key === h.lastKey && now - h.lastAt < COALESCE_MS) return { ...h, future: [], lastAt: now };
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(h.past.length - HISTORY_LIMIT + 1) : [...h.past];
  past.push(previous);
  return { past, future: [], lastKey: key ?? null, lastAt: now };
}

/** One step back from `current`, or null when there is nothing to undo. */
export function undoStep(h: History, current: WorkflowDefinition): { history: History; definition: WorkflowDefinition } | null {
  const definition = h.past.at(-1);
  if (!definition) return null;
  return { definition, history: { past: h.past.slice(0, -1), future: [...h.future, current], lastKey: null, lastAt: 0 } };
}

/** One step forward again, or null when there is nothing to redo. */
export function redoStep(h: History, current: WorkflowDefinition): { history: History; definition: WorkflowDefinition } | null {
  const definition = h.future.at(-1);
  if (!definition) return null;
  return { definition, history: { past: [...h.past, current], future: h.future.slice(0, -1), lastKey: null, lastAt: 0 } };
}

export type HistorySlice = {
  history: History;
  undo: () => void;
  redo: () => void;
  /** Ends the current typing burst (a field lost focus), so the next keystroke starts a new step. */
  breakCoalescing: () => void;
};

export const createHistorySlice: StateCreator<DesignerState, [], [], HistorySlice> = (set, get) => {
  const travel = (step: typeof undoStep) => {
    const s = get();
    const r = step(s.history, s.definition);
    if (r) set({ history: r.history, ...s.settle(r.definition) });
  };
  return {
    history: emptyHistory(),
    undo: () => travel(undoStep),
    redo: () => travel(redoStep),
    breakCoalescing: () => set((s) => (s.history.lastKey === null ? s : { history: { ...s.history, lastKey: null } })),
  };
};
