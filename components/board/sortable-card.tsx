"use client";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useRouter } from "next/navigation";
import { memo } from "react";
import type { BoardCard } from "@/lib/work-items/board-json";
import { ItemCard } from "./item-card";

/**
 * A draggable card. Space picks it up for keyboard moves (arrows, Space to drop, Escape to cancel);
 * Enter or a click opens the item.
 */
export const SortableCard = memo(function SortableCard({ card, now, disabled }: { card: BoardCard; now: number; disabled: boolean }) {
  const router = useRouter();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: card.id, disabled });
  const open = () => router.push(`/items/${card.id}`);
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      {...attributes}
      {...listeners}
      aria-roledescription="draggable item"
      aria-label={card.title}
      data-testid="item-card"
      data-item-id={card.id}
      className={`select-none rounded-lg outline-none ${disabled ? "" : "cursor-grab"} focus-visible:ring-2 focus-visible:ring-indigo-500 ${isDragging ? "opacity-40" : ""}`}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest("a")) open();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" && !isDragging) open();
        else listeners?.onKeyDown?.(e);
      }}
    >
      <ItemCard card={card} now={now} />
    </div>
  );
});
