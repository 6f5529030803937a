import { describe, expect, it } from "vitest";
import type { BoardCard, BoardJson } from "@/lib/work-items/board-json";
import { columnsOf, dragOver, dragWithin, localPosition, mergeChanges, placement } from "./board-state";

const card = (id: string, stageId: string, position: number, version = 1): BoardCard => ({
  id,
  stageId,
  title: id,
  priority: "none",
  assigneeId: null,
  assigneeName: null,
  position,
  version,
  enteredStageAt: 0,
  completedAt: null,
  run: null, agent: null,
});
const board = (items: BoardCard[]): BoardJson => ({
  workflow: { id: "w", name: "W", level: "WRITE" },
  stages: ["s1", "s2"].map((id, position) => ({ id, name: id, type: "HUMAN" as const, position, wipLimit: null })),
  items,
  assignees: [],
  cursor: 5,
});
const b = board([card("a", "s1", 2), card("b", "s1", 1), card("c", "s2", 1)]);

describe("board state", () => {
  it("orders columns by position and keeps only matching cards", () => {
    expect(columnsOf(b)).toEqual({ s1: ["b", "a"], s2: ["c"] });
    expect(columnsOf(b, (c) => c.id !== "a")).toEqual({ s1: ["b"], s2: ["c"] });
  });

  it("moves a card across columns above or below the card it is over, and onto an empty column", () => {
    const cols = columnsOf(b);
    expect(dragOver(cols, "b", "c", false)).toEqual({ s1: ["a"], s2: ["b", "c"] });
    expect(dragOver(cols, "b", "c", true)).toEqual({ s1: ["a"], s2: ["c", "b"] });
    expect(dragOver({ s1: ["a"], s2: [] }, "a", "s2", false)).toEqual({ s1: [], s2: ["a"] });
    expect(dragOver(cols, "b", "a", true)).toBe(cols);
  });

  it("reorders within a column and reports the card above as the placement", () => {
    const cols = dragWithin(columnsOf(b), "b", "a");
    expect(cols.s1).toEqual(["a", "b"]);
    expect(placement(cols, "b")).toEqual({ stageId: "s1", afterId: "a" });
    expect(placement(cols, "a")).toEqual({ stageId: "s1", afterId: null });
  });

  it("computes a local position between neighbours, at the top and at the bottom", () => {
    expect(localPosition(b.items, "s1", "b", "x")).toBe(1.5);
    expect(localPosition(b.items, "s1", null, "x")).toBe(1 - 1024);
    expect(localPosition(b.items, "s1", "a", "x")).toBe(2 + 1024);
    expect(localPosition(b.items, "s2", "c", "c")).toBe(1024);
  });

  it("merges live changes: newer versions win, stale ones are ignored, removed cards leave", () => {
    const next = mergeChanges(b, { cursor: 9, items: [card("a", "s2", 5, 2), card("b", "s2", 9, 0)], removed: ["c"] });
    expect(next.cursor).toBe(9);
    expect(columnsOf(next)).toEqual({ s1: ["b"], s2: ["a"] });
  });
});
