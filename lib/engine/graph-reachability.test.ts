import { describe, expect, it } from "vitest";
import { upstreamOf, validateTaskGraph } from "./graph";
import { chain, describeIssues, edge, graph, task } from "./testing";

describe("tasks downstream of a cycle", () => {
  it("says each can never start and names the cycle it waits on", () => {
    const g = graph(
      [task("start"), task("review"), task("fix"), task("deploy"), task("notify")],
      [...chain("start", "review", "fix", "review"), ...chain("fix", "deploy", "notify")],
    );
    const lines = describeIssues(validateTaskGraph(g)).filter((l) => l.includes("never start"));
    expect(lines).toEqual([
      "deploy: “Deploy” can never start: it waits on the cycle “Review” → “Fix”.",
      "notify: “Notify” can never start: it waits on the cycle “Review” → “Fix”.",
    ]);
  });

  it("counts a task connected to itself as a cycle too", () => {
    const g = graph([task("a"), task("b")], [edge("a", "a"), edge("a", "b")]);
    expect(describeIssues(validateTaskGraph(g))).toContain("b: “B” can never start: it waits on the cycle “A” → “A”.");
  });

  it("leaves tasks upstream of the cycle alone", () => {
    const g = graph([task("start"), task("review"), task("fix")], chain("start", "review", "fix", "review"));
    expect(validateTaskGraph(g).filter((i) => i.taskId === "start")).toEqual([]);
  });
});

describe("tasks with no connection", () => {
  it("asks to connect or remove a task without edges in a graph of several tasks", () => {
    const g = graph([task("a"), task("b"), task("lonely")], [edge("a", "b")]);
    expect(describeIssues(validateTaskGraph(g))).toEqual(["lonely: “Lonely” is not connected to the other tasks; connect it or remove it."]);
  });

  it("accepts a graph of a single task", () => {
    expect(validateTaskGraph(graph([task("only")]))).toEqual([]);
  });
});

describe("upstreamOf", () => {
  it("holds every transitive dependency and nothing downstream", () => {
    const g = graph([task("a"), task("b"), task("c"), task("d"), task("side")], [...chain("a", "b", "c", "d"), edge("side", "c")]);
    expect([...upstreamOf(g, "c")].sort()).toEqual(["a", "b", "side"]);
    expect(upstreamOf(g, "a").size).toBe(0);
  });

  it("terminates on a cycle, including the task itself", () => {
    const g = graph([task("a"), task("b")], chain("a", "b", "a"));
    expect([...upstreamOf(g, "a")].sort()).toEqual(["a", "b"]);
  });
});
