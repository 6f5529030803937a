import { describe, expect, it } from "vitest";
import { downstreamOf } from "./plan";
import { chain, edge, graph, task } from "./testing";

/** a → b → d, a → c → d, d → e; f stands apart after b. */
const g = graph(
  [task("e"), task("d"), task("c"), task("b"), task("a"), task("f")],
  [edge("a", "b"), edge("a", "c"), edge("b", "d"), edge("c", "d"), edge("d", "e"), edge("b", "f")],
);

describe("the tasks downstream of a task", () => {
  it("lists the task first, then everything after it in topological order", () => {
    const order = downstreamOf(g, "a");
    expect(order[0]).toBe("a");
    expect(new Set(order)).toEqual(new Set(["a", "b", "c", "d", "e", "f"]));
    const at = (id: string) => order.indexOf(id);
    for (const e of g.edges) expect(at(e.from), `${e.from} before ${e.to}`).toBeLessThan(at(e.to));
  });

  it("leaves out tasks that are not after it", () => {
    expect(downstreamOf(g, "c")).toEqual(["c", "d", "e"]);
    expect(downstreamOf(g, "b").sort()).toEqual(["b", "d", "e", "f"]);
    expect(downstreamOf(g, "e")).toEqual(["e"]);
  });

  it("is empty for a task the graph does not have", () => {
    expect(downstreamOf(g, "zz")).toEqual([]);
  });

  it("still lists every task after a cycle (an invalid graph)", () => {
    const cyclic = graph([task("a"), task("b"), task("c")], [...chain("a", "b", "c"), edge("c", "b")]);
    expect(downstreamOf(cyclic, "a")).toEqual(["a", "b", "c"]);
  });
});
