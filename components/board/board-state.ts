import type { BoardCard, BoardJson } from "@/lib/work-items/board-json";

/** Card ids per stage id, in column order. */
export type Columns = Record<string, string[]>;

const byPosition = (a: BoardCard, b: BoardCard) => a.position - b.position || (a.id < b.id ? -1 : 1);

/** The normalized board: cards by id and ordered ids per column (only cards that pass `keep`). */
export function columnsOf(board: Pick<BoardJson, "stages" | "items">, keep: (c: BoardCard) => boolean = () => true): Columns {
  const cols: Columns = Object.fromEntries(board.stages.map((s) => [s.id, [] as string[]]));
  for (const card of [...board.items].sort(byPosition)) {
    if (keep(card)) cols[card.stageId]?.push(card.id);
  }
  return cols;
}

/** The column holding `id`, which may itself be a column id. */
export function findColumn(cols: Columns, id: string): string | undefined {
  if (id in cols) return id;
  return Object.keys(cols).find((k) => cols[k]!.includes(id));
}

/**
 * Moves `activeId` into the column of `overId` while dragging (the card makes room where it would land).
 * `below` says the pointer is past the middle of the card it is over. Returns the same object when nothing changes.
 */
export function dragOver(cols: Columns, activeId: string, overId: string, below: boolean): Columns {
  const from = findColumn(cols, activeId);
  const to = findColumn(cols, overId);
  if (!from || !to || from === to) return cols;
  const target = cols[to]!;
  const overIndex = target.indexOf(overId);
  const index = overIndex < 0 ? target.length : overIndex + (below ? 1 : 0);
  return {
    ...cols,
    [from]: cols[from]!.filter((id) => id !== activeId),
    [to]: [...target.slice(0, index), activeId, ...target.slice(index)],
  };
}

/** Reorders `activeId` to the place of `overId` within one column (dnd-kit's arrayMove). */
export function dragWithin(cols: Columns, activeId: string, overId: string): Columns {
  const col = findColumn(cols, activeId);
  if (!col || col !== findColumn(cols, overId) || activeId === overId) return cols;
  const ids = cols[col]!;
  const from = ids.indexOf(activeId);
  const to = overId === col ? ids.length - 1 : ids.indexOf(overId);
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, activeId);
  return { ...cols, [col]: next };
}

/** Where a dropped card ended up: its column and the card right above it (null at the top). */
export function placement(cols: Columns, id: string): { stageId: string; afterId: string | null } | null {
  const stageId = findColumn(cols, id);
  if (!stageId) return null;
  const ids = cols[stageId]!;
  const i = ids.indexOf(id);
  return { stageId, afterId: i > 0 ? ids[i - 1]! : null };
}

/** A local position that sorts right after `afterId` in `stageId` (the server's answer replaces it). */
export function localPosition(items: BoardCard[], stageId: string, afterId: string | null, movingId: string): number {
  const col = items.filter((c) => c.stageId === stageId && c.id !== movingId).sort(byPosition);
  if (col.length === 0) return 1024;
  if (afterId === null) return col[0]!.position - 1024;
  const i = col.findIndex((c) => c.id === afterId);
  if (i < 0) return col.at(-1)!.position + 1024;
  const next = col[i + 1];
  return next ? (col[i]!.position + next.position) / 2 : col[i]!.position + 1024;
}

/** Applies a live `changes` message: newer versions replace older ones; removed cards leave. */
export function mergeChanges(board: BoardJson, c: { cursor: number; items: BoardCard[]; removed: string[] }): BoardJson {
  if (c.cursor <= board.cursor && c.items.length === 0 && c.removed.length === 0) return board;
  const byId = new Map(board.items.map((i) => [i.id, i]));
  for (const id of c.removed) byId.delete(id);
  for (const card of c.items) {
    const have = byId.get(card.id);
    if (!have || have.version <= card.version) byId.set(card.id, card);
  }
  return { ...board, items: [...byId.values()], cursor: Math.max(board.cursor, c.cursor) };
}
