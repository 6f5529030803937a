import { describe, expect, it } from "vitest";
import { LAYOUT_GAPS, layoutGraph } from "./layout";

const box = (id: string) => ({ id, width: 200, height: 80 });

describe("auto-layout of a diamond", () => {
  const pos = layoutGraph([box("a"), box("b"), box("c"), box("d")], [
    { from: "a", to: "b" },
    { from: "a", to: "c" },
    { from: "b", to: "d" },
    { from: "c", to: "d" },
  ]);

  it("ranks tasks left to right along their edges, one rank gap apart", () => {
    expect(pos.get("b")!.x).toBe(pos.get("c")!.x);
    expect(pos.get("b")!.x - pos.get("a")!.x).toBe(200 + LAYOUT_GAPS.ranksep);
    expect(pos.get("d")!.x).toBeGreaterThan(pos.get("b")!.x);
  });

  it("stacks tasks of one rank without overlap", () => {
    expect(Math.abs(pos.get("b")!.y - pos.get("c")!.y)).toBeGreaterThanOrEqual(80 + LAYOUT_GAPS.nodesep);
  });
});

describe("auto-layout of a cycle and a loose task", () => {
  it("places every task, including ones in a cycle, self-links and unknown edge ends ignored", () => {
    const pos = layoutGraph([box("a"), box("b"), box("lonely")], [
      { from: "a", to: "b" },
      { from: "b", to: "a" },
      { from: "a", to: "a" },
      { from: "a", to: "ghost" },
    ]);
    expect([...pos.keys()].sort()).toEqual(["a", "b", "lonely"]);
    for (const p of pos.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    expect(pos.get("a")!.x).not.toBe(pos.get("b")!.x);
  });
});
