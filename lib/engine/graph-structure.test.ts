import { describe, expect, it } from "vitest";
import { validateTaskGraph } from "./graph";
import { describeIssues, edge, graph, task } from "./testing";

const issues = (g: Parameters<typeof validateTaskGraph>[0]) => describeIssues(validateTaskGraph(g));

describe("task ids", () => {
  it("reports an id used twice, once, on the id field", () => {
    const g = graph([task("a"), task("a", { name: "Other" }), task("a"), task("b")], [edge("a", "b")]);
    expect(issues(g)).toEqual(["a id: Two tasks use the id “a”; give each task its own id."]);
  });
});

describe("connections to unknown tasks", () => {
  it("reports an unknown source on `from` and an unknown target on `to`", () => {
    const g = graph([task("a"), task("b")], [edge("a", "b"), edge("ghost", "b"), edge("a", "nowhere")]);
    expect(issues(g)).toEqual([
      "ghost->b from: A connection into “B” starts at task “ghost”, which does not exist; remove it.",
      "a->nowhere to: A connection from “A” leads to task “nowhere”, which does not exist; remove it.",
    ]);
  });
});

describe("self-loops", () => {
  it("reports a task connected to itself on the connection only", () => {
    const g = graph([task("a"), task("b")], [edge("a", "b"), edge("b", "b")]);
    expect(issues(g)).toEqual(["b->b: “B” is connected to itself, so it would wait on itself forever; remove that connection."]);
  });
});

describe("repeated connections", () => {
  it("reports the same from → to once however often it repeats", () => {
    const g = graph([task("a"), task("b")], [edge("a", "b"), edge("a", "b"), edge("a", "b", { left: "{{previous_output}}", op: "truthy" })]);
    expect(issues(g)).toEqual(["a->b: “A” is connected to “B” more than once; remove the extra connection."]);
  });

  it("accepts the opposite direction as a different connection (it is a cycle, not a repeat)", () => {
    const g = graph([task("a"), task("b")], [edge("a", "b"), edge("b", "a")]);
    expect(issues(g).some((m) => m.includes("more than once"))).toBe(false);
  });
});
