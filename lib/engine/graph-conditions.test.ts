import { describe, expect, it } from "vitest";
import { validateTaskGraph } from "./graph";
import type { Condition, Loop, TaskGraph } from "./graph-schema";
import { chain, describeIssues, edge, graph, objectSchema, task } from "./testing";

const issues = (g: TaskGraph) => describeIssues(validateTaskGraph(g));

describe("edge conditions read the source's output", () => {
  /** start → review (output: risk) → gate, the condition on review → gate. */
  const on = (condition: Condition) =>
    issues(graph([task("start"), task("review", { outputSchema: objectSchema("risk") }), task("gate")], [edge("start", "review"), edge("review", "gate", condition)]));

  it("takes previous_output as the source's output, checked against its schema", () => {
    expect(on({ left: "{{previous_output.risk}}", op: "equals", value: "high" })).toEqual([]);
    expect(on({ left: "{{ previous_output.score }}", op: "exists" })).toEqual([
      "review->gate condition.left: The condition on “Review” → “Gate” uses {{ previous_output.score }}, but the output of “Review” has no field “score” (its output schema lists risk).",
    ]);
  });

  it("has a previous_output even when the source has no earlier task", () => {
    expect(issues(graph([task("a"), task("b")], [edge("a", "b", { left: "{{previous_output}}", op: "truthy" })]))).toEqual([]);
  });

  it("may read the source and tasks upstream of it, not the target", () => {
    expect(on({ left: "{{tasks.review.output.risk}}", op: "exists" })).toEqual([]);
    expect(on({ left: "{{tasks.start.output}}", op: "exists" })).toEqual([]);
    expect(on({ left: "{{tasks.gate.output}}", op: "exists" })).toEqual([
      "review->gate condition.left: The condition on “Review” → “Gate” references “Gate”, which does not run before “Review”; connect “Gate” upstream of “Review”.",
    ]);
  });
});

describe("a condition's left side", () => {
  const on = (left: string) => issues(graph([task("a"), task("b")], [edge("a", "b", { left, op: "truthy" })]));

  it.each(["", "approved", "{{previous_output.ok}} == true", "{{item.id}}{{item.title}}"])("must be a single reference, not %j", (left) => {
    expect(on(left)).toEqual([
      "a->b condition.left: The condition on “A” → “B” must compare a single reference such as {{previous_output.approved}}, with nothing around it.",
    ]);
  });

  it("reports an unknown lone reference as unknown only", () => {
    expect(on("{{approved}}")).toEqual([
      "a->b condition.left: The condition on “A” → “B” uses an unknown reference {{approved}}. Use previous_output, tasks.<id>.output, item.data or run.input.",
    ]);
  });
});

describe("a condition's value", () => {
  const on = (condition: Condition) => issues(graph([task("a"), task("b")], [edge("a", "b", condition)]));
  const left = "{{previous_output}}";

  it("is required by operators that compare, null being a value", () => {
    expect(on({ left, op: "contains" })).toEqual([
      "a->b condition.value: The condition on “A” → “B” uses “contains” but has no value to compare with; enter one.",
    ]);
    expect(on({ left, op: "equals", value: null })).toEqual([]);
    expect(on({ left, op: "falsy" })).toEqual([]);
  });

  it("must be a number for greater_than and less_than", () => {
    expect(on({ left, op: "greater_than", value: "3" })).toEqual([
      "a->b condition.value: The condition on “A” → “B” uses “greater_than”, which compares numbers; enter a number as the value.",
    ]);
    expect(on({ left, op: "less_than", value: 3 })).toEqual([]);
  });
});

describe("loop conditions", () => {
  const looping = (until: Condition, deps = true) => {
    const loop: Loop = { until, maxIterations: 5 };
    const t = task("fix", { outputSchema: objectSchema("done"), loop });
    return issues(deps ? graph([task("start", { outputSchema: objectSchema("diff") }), t], [edge("start", "fix")]) : graph([t]));
  };

  it("may read the task's own output, its iteration, itself and what runs before it", () => {
    expect(looping({ left: "{{output.done}}", op: "truthy" })).toEqual([]);
    expect(looping({ left: "{{loop.iteration}}", op: "greater_than", value: 2 })).toEqual([]);
    expect(looping({ left: "{{tasks.fix.output.done}}", op: "truthy" })).toEqual([]);
    expect(looping({ left: "{{previous_output.diff}}", op: "exists" })).toEqual([]);
  });

  it("checks output fields against the task's own schema", () => {
    expect(looping({ left: "{{output.finished}}", op: "truthy" })).toEqual([
      "fix loop.until.left: The loop condition of “Fix” uses {{output.finished}}, but the output of “Fix” has no field “finished” (its output schema lists done).",
    ]);
  });

  it("has no previous_output without an earlier task, and lists output in its hint", () => {
    expect(looping({ left: "{{previous_output.ok}}", op: "truthy" }, false)).toEqual([
      "fix loop.until.left: “Fix” has no earlier task, so {{previous_output}} is empty; connect a task before it or reference item.data.",
    ]);
    expect(looping({ left: "{{result}}", op: "truthy" })).toEqual([
      "fix loop.until.left: The loop condition of “Fix” uses an unknown reference {{result}}. Use output, loop.iteration, previous_output, tasks.<id>.output, item.data or run.input.",
    ]);
  });

  it("checks its shape and value like an edge condition", () => {
    expect(looping({ left: "done", op: "equals" })).toEqual([
      "fix loop.until.left: The loop condition of “Fix” must compare a single reference such as {{previous_output.approved}}, with nothing around it.",
      "fix loop.until.value: The loop condition of “Fix” uses “equals” but has no value to compare with; enter one.",
    ]);
  });
});

describe("conditional edges", () => {
  it("are fine on any edge, including several out of one task", () => {
    const g = graph([task("a"), task("b"), task("c"), task("d")], [
      edge("a", "b", { left: "{{previous_output}}", op: "truthy" }),
      edge("a", "c", { left: "{{previous_output}}", op: "falsy" }),
      ...chain("b", "d"),
      edge("c", "d", { left: "{{item.priority}}", op: "equals", value: "high" }),
    ]);
    expect(validateTaskGraph(g)).toEqual([]);
  });
});
