"use client";
import { EXECUTOR_KINDS } from "@/lib/engine/graph-schema";
import { STAGE_TYPES } from "@/lib/workflows/definition";
import { PALETTE_MIME, useDnD } from "./dnd-context";
import { EXECUTORS, taskPhrase } from "./executors/registry";
import { STAGE_LOOK } from "./stage-look";
import { useDesigner } from "./store/store";
import { useAddItem } from "./use-add-item";

type Item = { kind: string; label: string; hint: string; icon: React.ComponentType<{ className?: string }>; chip: string };

const STAGE_ITEMS: Item[] = STAGE_TYPES.map((t) => ({ kind: t, label: STAGE_LOOK[t].label, hint: STAGE_LOOK[t].hint, icon: STAGE_LOOK[t].icon, chip: STAGE_LOOK[t].chip }));
const TASK_ITEMS: Item[] = EXECUTOR_KINDS.map((k) => ({ kind: k, label: EXECUTORS[k].label, hint: `Add ${taskPhrase(k)}`, icon: EXECUTORS[k].icon, chip: EXECUTORS[k].tone }));

/**
 * Stage types at the stage level, executor kinds inside a stage. Drag an item onto the canvas, or press
 * Enter/Space on it to add it after the selection.
 */
export function Palette() {
  const atStages = useDesigner((s) => s.openStageId === null);
  const [, setDragKind] = useDnD();
  const add = useAddItem();
  const items = atStages ? STAGE_ITEMS : TASK_ITEMS;
  return (
    <nav aria-label={atStages ? "Stage types" : "Task kinds"} className="flex w-44 shrink-0 flex-col gap-2 overflow-y-auto">
      <h2 className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{atStages ? "Add a stage" : "Add a task"}</h2>
      {items.map((item) => {
        const Icon = item.icon;
        return (
          <button
            key={item.kind}
            type="button"
            draggable
            data-testid={`palette-item-${item.kind}`}
            title={`${item.hint} — drag onto the canvas or press Enter`}
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, item.kind);
              e.dataTransfer.effectAllowed = "move";
              setDragKind(item.kind);
            }}
            onDragEnd={() => setDragKind(null)}
            onClick={() => add(item.kind)}
            className="flex cursor-grab items-center gap-2 rounded-md bg-white px-2 py-2 text-left text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-200 hover:ring-indigo-300 active:cursor-grabbing"
          >
            <span className={`grid size-6 shrink-0 place-items-center rounded ${item.chip}`}>
              <Icon className="size-3.5" />
            </span>
            {item.label}
          </button>
        );
      })}
      <p className="px-1 text-xs text-slate-500">Drag onto the canvas, or focus an item and press Enter.</p>
    </nav>
  );
}
