import type { StateCreator } from "zustand";
import type { Edge, Task } from "@/lib/engine/graph-schema";
import { type DefinitionIssue, type StageDef, type WorkflowDefinition, hasTaskGraph } from "@/lib/workflows/definition";
import { record } from "./history-slice";
import { NOTHING, type Selection, pruneSelection } from "./selection-slice";
import type { DesignerState } from "./store";

/** What Ctrl/Cmd+C took: stages at the stage level, or tasks with the edges among them. */
export type Clipboard = { kind: "stages"; stages: StageDef[] } | { kind: "tasks"; tasks: Task[]; edges: Edge[] } | null;

export type ApplyOptions = {
  /** Edits with the same key in a quick burst (typing in one field) make one undo step. */
  coalesce?: string;
  /** The selection after the edit (default: the current one, minus what disappeared). */
  select?: Partial<Selection>;
  /** Marks the next save as an import. */
  source?: "import";
};

export type DefinitionSlice = {
  definition: WorkflowDefinition;
  /** The version the edits are based on: the save sends it so the server can refuse a stale one. */
  baseVersion: number;
  /** The last saved definition, for the dirty check. */
  savedDefinition: WorkflowDefinition;
  source: "designer" | "import";
  /** The stage whose task graph is on the canvas, or null for the stage level. */
  openStageId: string | null;
  /** What the server refused at the last save, until the next edit. */
  serverIssues: DefinitionIssue[];
  clipboard: Clipboard;
  /** Runs a pure edit (see `edits.ts`) and records it for undo; an edit that changes nothing records nothing. */
  apply: (edit: (def: WorkflowDefinition) => WorkflowDefinition, opts?: ApplyOptions) => void;
  /** The state that goes with a definition: the open stage and selection kept only where they still exist. */
  settle: (def: WorkflowDefinition, selection?: Selection) => Pick<DesignerState, "definition" | "openStageId" | "selection">;
  openStage: (id: string | null, select?: Partial<Selection>) => void;
  /** After a save: `sent` became `version`, and the server answered with `saved`. */
  markSaved: (version: number, sent: WorkflowDefinition, saved: WorkflowDefinition) => void;
  setServerIssues: (issues: DefinitionIssue[]) => void;
  setClipboard: (clipboard: Clipboard) => void;
};

/** `openStageId`: a stage whose task graph opens first (a link to `?stage=`), if the definition has it. */
export type DefinitionInit = { definition: WorkflowDefinition; baseVersion: number; openStageId?: string | null; now?: () => number };

export const createDefinitionSlice =
  (init: DefinitionInit): StateCreator<DesignerState, [], [], DefinitionSlice> =>
  (set, get) => {
    const now = init.now ?? Date.now;
    const settle: DefinitionSlice["settle"] = (def, selection = get().selection) => {
      const open = get().openStageId;
      const openStageId = open && def.stages.some((s) => s.id === open) ? open : null;
      return { definition: def, openStageId, selection: pruneSelection(selection, def, openStageId) };
    };
    return {
      definition: init.definition,
      baseVersion: init.baseVersion,
      savedDefinition: init.definition,
      source: "designer",
      openStageId: init.definition.stages.some((s) => s.id === init.openStageId && hasTaskGraph(s.type)) ? init.openStageId! : null,
      serverIssues: [],
      clipboard: null,
      settle,
      apply: (edit, opts = {}) => {
        const s = get();
        const next = edit(s.definition);
        const selection = opts.select ? { ...NOTHING, ...opts.select } : s.selection;
        if (next === s.definition) {
          if (opts.select) set({ selection: pruneSelection(selection, next, s.openStageId) });
          return;
        }
        set({
          history: record(s.history, s.definition, opts.coalesce, now()),
          serverIssues: [],
          ...(opts.source ? { source: opts.source } : {}),
          ...settle(next, selection),
        });
      },
      openStage: (id, select) => set({ openStageId: id, selection: { ...NOTHING, ...select } }),
      markSaved: (version, sent, saved) =>
        set((s) => ({
          baseVersion: version,
          savedDefinition: saved,
          source: "designer",
          serverIssues: [],
          // Edits made while the save was in flight stay; otherwise adopt the server's copy.
          ...(s.definition === sent ? { definition: saved } : {}),
        })),
      setServerIssues: (serverIssues) => set({ serverIssues }),
      setClipboard: (clipboard) => set({ clipboard }),
    };
  };

/** Deep equality for JSON values, fast when the two share structure (as undo steps do). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
