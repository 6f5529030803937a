"use client";
import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  type CollisionDetection,
  closestCenter,
  closestCorners,
  pointerWithin,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { BoardJson } from "@/lib/work-items/board-json";
import { isFiltered, matchesFilter } from "@/lib/work-items/filter";
import { boardFilter } from "@/lib/work-items/schemas";
import { BoardColumn } from "./board-column";
import { BoardFilters } from "./board-filters";
import { type Columns, columnsOf, dragOver, dragWithin, findColumn, placement } from "./board-state";
import { ItemCard } from "./item-card";
import { boardKeyboardCoordinates } from "./keyboard";
import { useBoard, useBoardLive, useRunPoll } from "./use-board";
import { useMoveItem } from "./use-move-item";

/**
 * With a pointer, the column under it decides, and within it the nearest card: plain closest-corners
 * would pick a card of the next column when dropping below a short column's last card. Keyboard moves
 * have no pointer and fall back to closest corners.
 */
const collisionDetection: CollisionDetection = (args) => {
  const column = pointerWithin(args).find((c) => c.data?.droppableContainer?.data.current?.type === "column");
  if (!column) return closestCorners(args);
  const cards = args.droppableContainers.filter((d) => d.data.current?.sortable?.containerId === column.id);
  const nearest = closestCenter({ ...args, droppableContainers: cards });
  return nearest.length ? nearest : [column];
};

/** Re-renders every minute so "time in stage" stays true on a board left open. */
function useNow(initial: number) {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/**
 * The interactive board: filters from the URL, drag and drop between and within columns (pointer and
 * keyboard), optimistic moves with rollback, and other people's changes streamed in live.
 */
export function BoardView({ initial, meId, now: serverNow }: { initial: BoardJson; meId: string; now: number }) {
  const { data: board } = useBoard(initial);
  const [drag, setDrag] = useState<{ id: string; from: string; cols: Columns } | null>(null);
  useBoardLive(board.workflow.id, initial.cursor, drag !== null);
  useRunPoll(board.workflow.id, board.items, drag !== null);
  const move = useMoveItem(board.workflow.id);
  const now = useNow(serverNow);
  // Marks the board hydrated (its first effect has run) for the benchmark and tests; a DOM write, not state, so no re-render.
  const boardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    boardRef.current?.setAttribute("data-ready", "true");
  }, []);
  const params = useSearchParams();
  const filter = boardFilter.parse(Object.fromEntries(params.entries()));
  const canWrite = board.workflow.level === "WRITE" || board.workflow.level === "ADMIN";

  const cards = useMemo(() => new Map(board.items.map((c) => [c.id, c])), [board.items]);
  const totals = useMemo(() => columnsOf(board), [board]);
  const filtered = isFiltered(filter);
  const visible = useMemo(
    () => (filtered ? columnsOf(board, (c) => matchesFilter(c, filter, meId)) : totals),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [board, totals, filtered, filter.q, filter.assignee, filter.priority, meId],
  );
  const columns = drag?.cols ?? visible;

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: boardKeyboardCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  const stageName = (id: string | undefined) => board.stages.find((s) => s.id === findColumn(columns, id ?? ""))?.name ?? "";
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${cards.get(String(active.id))?.title}. Use the arrow keys to move it, Space to drop, Escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `${cards.get(String(active.id))?.title} is over ${stageName(String(over.id))}.` : ""),
    onDragEnd: ({ active, over }) => (over ? `Dropped ${cards.get(String(active.id))?.title} in ${stageName(String(over.id))}.` : "Dropped."),
    onDragCancel: ({ active }) => `Moving ${cards.get(String(active.id))?.title} was cancelled.`,
  };

  function onDragOver({ active, over }: DragOverEvent) {
    if (!drag || !over) return;
    const rect = active.rect.current.translated;
    const below = rect ? rect.top + rect.height / 2 > over.rect.top + over.rect.height / 2 : false;
    const next = dragOver(drag.cols, String(active.id), String(over.id), below);
    if (next !== drag.cols) setDrag({ ...drag, cols: next });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const id = String(active.id);
    const card = cards.get(id);
    const cols = drag && over ? dragWithin(drag.cols, id, String(over.id)) : null;
    setDrag(null);
    const to = cols ? placement(cols, id) : null;
    if (!card || !to) return;
    const before = placement(visible, id);
    if (before && before.stageId === to.stageId && before.afterId === to.afterId) return;
    move.mutate({ card, toStageId: to.stageId, afterId: to.afterId });
  }

  const activeCard = drag ? cards.get(drag.id) : undefined;
  const target = drag ? findColumn(drag.cols, drag.id) : undefined;
  return (
    <div className="space-y-4">
      <BoardFilters filter={filter} assignees={board.assignees} />
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        accessibility={{ announcements }}
        onDragStart={({ active }) => {
          const id = String(active.id);
          setDrag({ id, from: findColumn(visible, id) ?? "", cols: visible });
        }}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDrag(null)}
      >
        <div ref={boardRef} className="flex gap-3 overflow-x-auto pb-4" data-testid="board">
          {board.stages.map((stage) => {
            const total = totals[stage.id]?.length ?? 0;
            const full = stage.wipLimit !== null && total >= stage.wipLimit;
            return (
              <BoardColumn
                key={stage.id}
                stage={stage}
                ids={columns[stage.id] ?? []}
                cards={cards}
                total={total}
                now={now}
                canWrite={canWrite}
                dropRefused={Boolean(drag && target === stage.id && drag.from !== stage.id && full)}
                workflowId={board.workflow.id}
              />
            );
          })}
        </div>
        <DragOverlay dropAnimation={null}>{activeCard ? <ItemCard card={activeCard} now={now} lifted /> : null}</DragOverlay>
      </DndContext>
    </div>
  );
}
