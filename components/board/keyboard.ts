import type { KeyboardCoordinateGetter, UniqueIdentifier } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";

/**
 * Keyboard moves on the board: Up and Down move within a column (dnd-kit's sortable default); Left
 * and Right jump to the neighbouring column at the same height. The default would count the card's
 * own column as "to the left", since the column's drop area starts left of the card.
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  if (event.code !== "ArrowLeft" && event.code !== "ArrowRight") return sortableKeyboardCoordinates(event, args);
  event.preventDefault();
  const { active, over, droppableContainers, droppableRects, collisionRect } = args.context;
  if (!active || !collisionRect) return undefined;
  const columnOf = (id: UniqueIdentifier) => droppableContainers.get(id)?.data.current?.sortable?.containerId ?? id;
  const current = columnOf(over?.id ?? active.id);
  const columns = droppableContainers
    .getEnabled()
    .filter((d) => d.data.current?.type === "column")
    .map((d) => ({ id: d.id, rect: droppableRects.get(d.id) }))
    .filter((c): c is { id: UniqueIdentifier; rect: NonNullable<typeof c.rect> } => Boolean(c.rect))
    .sort((a, b) => a.rect.left - b.rect.left);
  const next = columns[columns.findIndex((c) => c.id === current) + (event.code === "ArrowRight" ? 1 : -1)];
  if (!next) return undefined;
  return { x: next.rect.left + 4, y: Math.min(Math.max(collisionRect.top, next.rect.top), next.rect.bottom - 8) };
};
