import type { BoardCard } from "./board-json";
import type { BoardFilter } from "./schemas";

/** Whether a card passes the board's filters: `listItems` applies the same in SQL (and also searches descriptions). */
export function matchesFilter(card: Pick<BoardCard, "title" | "assigneeId" | "priority">, f: BoardFilter, meId: string): boolean {
  if (f.priority && card.priority !== f.priority) return false;
  if (f.assignee === "me" && card.assigneeId !== meId) return false;
  if (f.assignee === "none" && card.assigneeId !== null) return false;
  if (f.assignee && f.assignee !== "me" && f.assignee !== "none" && card.assigneeId !== f.assignee) return false;
  if (f.q && !card.title.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

/** True when any filter is set. */
export function isFiltered(f: BoardFilter): boolean {
  return Boolean(f.q || f.assignee || f.priority);
}
