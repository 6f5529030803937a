"use client";
import { useCallback } from "react";
import { toast } from "sonner";
import { type ExecutorKind, EXECUTOR_KINDS, type TaskGraph, emptyGraph } from "@/lib/engine/graph-schema";
import { STAGE_TYPES, type StageKind, uniqueStageName } from "@/lib/workflows/definition";
import { useAnnounce } from "./announcer";
import { STAGE_SPACING, STAGE_WIDTH, TASK_WIDTH } from "./canvas/derive";
import { STAGE_LABELS, addStage, addTask, makeTask, newTaskId } from "./edits";
import { EXECUTORS, taskPhrase } from "./executors/registry";
import { useDesignerStore } from "./store/store";
import { newUuid } from "./uuid";

type Point = { x: number; y: number };

/** The definition schema's cap; refusing here says why instead of failing at save. */
const MAX_STAGES = 50;

export const isStageKind = (k: string): k is StageKind => (STAGE_TYPES as readonly string[]).includes(k);
export const isExecutorKind = (k: string): k is ExecutorKind => (EXECUTOR_KINDS as readonly string[]).includes(k);

/** The stage index a drop at flow x lands on: before the first stage whose centre is right of it. */
export function stageIndexAt(x: number, count: number): number {
  let i = 0;
  while (i < count && i * STAGE_SPACING + STAGE_WIDTH / 2 < x) i++;
  return i;
}

/** Where a task added by keyboard goes: right of the selected task, else right of the rightmost one. */
export function nextTaskPosition(graph: TaskGraph, selected: readonly string[]): Point {
  const anchor =
    graph.tasks.find((t) => t.id === selected.at(-1)) ??
    graph.tasks.reduce<TaskGraph["tasks"][number] | undefined>((best, t) => (!best || t.position.x > best.position.x ? t : best), undefined);
  return anchor ? { x: anchor.position.x + TASK_WIDTH + 60, y: anchor.position.y } : { x: 0, y: 0 };
}

/**
 * Adds a palette item: a stage (at a dropped x, else after the selection or at the end) or a task in the
 * open stage (at a dropped point, else beside the selection). Selects it and announces it.
 */
export function useAddItem() {
  const store = useDesignerStore();
  const announce = useAnnounce();
  return useCallback(
    (kind: string, at?: Point) => {
      const s = store.getState();
      if (isStageKind(kind) && s.openStageId === null) {
        if (s.definition.stages.length >= MAX_STAGES) {
          toast.error(`A workflow has at most ${MAX_STAGES} stages.`);
          return;
        }
        const selected = s.selection.stages.map((id) => s.definition.stages.findIndex((x) => x.id === id)).filter((i) => i >= 0);
        const index = at ? stageIndexAt(at.x, s.definition.stages.length) : selected.length ? Math.max(...selected) + 1 : s.definition.stages.length;
        const id = newUuid();
        const name = uniqueStageName(s.definition, STAGE_LABELS[kind]);
        s.apply((d) => addStage(d, kind, index, id), { select: { stages: [id] } });
        announce(`Added stage “${name}” at position ${Math.min(index, s.definition.stages.length) + 1}.`);
        return;
      }
      if (isExecutorKind(kind) && s.openStageId !== null) {
        const stageId = s.openStageId;
        const graph = s.definition.stages.find((x) => x.id === stageId)?.taskGraph ?? emptyGraph();
        const exec = EXECUTORS[kind];
        const id = newTaskId(graph, kind);
        const position = at ? { x: at.x - TASK_WIDTH / 2, y: at.y - 30 } : nextTaskPosition(graph, s.selection.tasks);
        s.apply((d) => addTask(d, stageId, makeTask(id, exec.label, exec.defaults(), position)), { select: { tasks: [id] } });
        announce(`Added ${taskPhrase(kind)} “${id}”.`);
      }
    },
    [store, announce],
  );
}
