"use client";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import type { BoardCard, BoardJson } from "@/lib/work-items/board-json";
import { QuickAdd } from "./quick-add";
import { SortableCard } from "./sortable-card";
import { StageTypeBadge } from "./stage-type-badge";

type Stage = BoardJson["stages"][number];

/**
 * One stage: header with count and WIP limit, then its cards, virtualized so a column of thousands
 * mounts only the cards in view. The whole column is a drop target, so empty columns accept cards.
 */
export function BoardColumn(props: {
  stage: Stage;
  ids: string[];
  cards: Map<string, BoardCard>;
  total: number;
  now: number;
  canWrite: boolean;
  dropRefused: boolean;
  workflowId: string;
}) {
  const { stage, ids, cards, total, now, canWrite, dropRefused } = props;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const { setNodeRef } = useDroppable({ id: stage.id, data: { type: "column" } });
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 84,
    overscan: 6,
    getItemKey: (i) => ids[i]!,
  });
  const limit = stage.wipLimit;
  const over = limit !== null && total > limit;
  const atLimit = limit !== null && total >= limit;
  return (
    <section
      aria-label={stage.name}
      data-testid="board-column"
      data-stage-id={stage.id}
      className={`flex max-h-[calc(100vh-15rem)] min-h-40 w-72 shrink-0 flex-col rounded-xl bg-slate-100/80 p-2 ring-2 transition-colors ${dropRefused ? "ring-rose-300" : "ring-transparent"}`}
    >
      <header className="mb-2 space-y-1.5 px-2 pt-1">
        <div className="flex items-center justify-between gap-2">
          <h2 className="truncate text-sm font-semibold">{stage.name}</h2>
          <span
            className={`text-xs tabular-nums ${over ? "font-semibold text-rose-600" : atLimit ? "font-medium text-amber-700" : "text-slate-500"}`}
            title={limit !== null ? `WIP limit ${limit}` : undefined}
            data-testid="column-count"
          >
            {ids.length !== total ? `${ids.length} of ` : ""}
            {total}
            {limit !== null ? ` / ${limit}` : ""}
          </span>
        </div>
        <StageTypeBadge type={stage.type} />
      </header>
      <div
        ref={(el) => {
          scrollRef.current = el;
          setNodeRef(el);
        }}
        className="min-h-16 flex-1 overflow-y-auto px-1"
      >
        <SortableContext id={stage.id} items={ids} strategy={verticalListSortingStrategy}>
          <ul className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const card = cards.get(ids[row.index]!);
              if (!card) return null;
              return (
                <li
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={row.index}
                  className="absolute inset-x-0 top-0 pb-2"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <SortableCard card={card} now={now} disabled={!canWrite} />
                </li>
              );
            })}
          </ul>
        </SortableContext>
        {ids.length === 0 ? <p className="py-6 text-center text-xs text-slate-400">No items</p> : null}
      </div>
      {canWrite ? <QuickAdd workflowId={props.workflowId} stageId={stage.id} stageName={stage.name} /> : null}
    </section>
  );
}
