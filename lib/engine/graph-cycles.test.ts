import { describe, expect, it } from "vitest";
import { findCycles, topologicalOrder, validateTaskGraph } from "./graph";
import { chain, describeIssues, edge, graph, task } from "./testing";

describe("findCycles", () => {
  it("finds nothing in a DAG", () => {
    expect(findCycles(graph([task("a"), task("b"), task("c")], [...chain("a", "b", "c"), edge("a", "c")]))).toEqual([]);
  });

  it("names each cycle once, in order, starting at its earliest task", () => {
    const g = graph(
      [task("start"), task("review"), task("fix"), task("x"), task("y"), task("z")],
      [...chain("start", "fix", "review", "fix"), ...chain("x", "y", "z", "x")],
    );
    expect(findCycles(g)).toEqual([
      ["review", "fix"],
      ["x", "y", "z"],
    ]);
  });

  it("covers every task of tangled cycles (a figure eight through one task)", () => {
    const g = graph([task("hub"), task("a"), task("b")], [...chain("hub", "a", "hub"), ...chain("hub", "b", "hub")]);
    const cycles = findCycles(g);
    expect(cycles).toEqual([
      ["hub", "a"],
      ["hub", "b"],
    ]);
  });

  it("counts a task connected to itself as a cycle of one", () => {
    expect(findCycles(graph([task("a")], [edge("a", "a")]))).toEqual([["a"]]);
  });
});

describe("topologicalOrder", () => {
  it("puts every task after its dependencies, ties in graph order", () => {
    const g = graph([task("d"), task("c"), task("b"), task("a")], [...chain("a", "b", "d"), edge("c", "d")]);
    expect(topologicalOrder(g)).toEqual(["c", "a", "b", "d"]);
  });

  it("is null when the graph has a cycle", () => {
    expect(topologicalOrder(graph([task("a"), task("b")], chain("a", "b", "a")))).toBeNull();
    expect(topologicalOrder(graph([task("a")], [edge("a", "a")]))).toBeNull();
  });

  it("ignores connections to unknown tasks and repeated connections", () => {
    expect(topologicalOrder(graph([task("a"), task("b")], [edge("a", "b"), edge("a", "b"), edge("b", "ghost")]))).toEqual(["a", "b"]);
  });
});

describe("cycle issues", () => {
  it("reports the cycle on every task in it, by name, closing the loop", () => {
    const g = graph([task("review"), task("fix", { name: "Fix it" })], chain("review", "fix", "review"));
    const message = "These tasks form a cycle: “Review” → “Fix it” → “Review”. Remove one of the connections.";
    expect(describeIssues(validateTaskGraph(g))).toEqual([`review: ${message}`, `fix: ${message}`]);
  });

  it("falls back to the id for a task without a name", () => {
    const g = graph([task("review", { name: "" }), task("fix")], chain("review", "fix", "review"));
    expect(validateTaskGraph(g).map((i) => i.message)).toContain(
      "These tasks form a cycle: “review” → “Fix” → “review”. Remove one of the connections.",
    );
  });
});
