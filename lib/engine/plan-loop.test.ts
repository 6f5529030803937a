import { describe, expect, it } from "vitest";
import type { Condition, Loop } from "./graph-schema";
import { loopDecision } from "./plan";
import { contextFor } from "./render";
import { NO_SCOPE, states } from "./run-testing";
import { edge, graph, task } from "./testing";

const looping = (until: Condition, maxIterations = 3) => task("refine", { loop: { until, maxIterations } satisfies Loop });
const done: Condition = { left: "{{output.done}}", op: "truthy" };

describe("a task that loops until its output says done", () => {
  it("runs again while the condition does not hold", () => {
    expect(loopDecision(looping(done), { done: false }, 1, NO_SCOPE)).toBe("again");
    expect(loopDecision(looping(done), {}, 2, NO_SCOPE)).toBe("again");
  });

  it("is done as soon as the condition holds", () => {
    expect(loopDecision(looping(done), { done: true }, 1, NO_SCOPE)).toBe("done");
  });

  it("is exhausted when the last pass did not satisfy the condition", () => {
    expect(loopDecision(looping(done, 3), { done: false }, 3, NO_SCOPE)).toBe("exhausted");
    expect(loopDecision(looping(done, 1), { done: false }, 1, NO_SCOPE)).toBe("exhausted");
  });

  it("is done, not exhausted, when the last pass satisfies the condition", () => {
    expect(loopDecision(looping(done, 3), { done: true }, 3, NO_SCOPE)).toBe("done");
  });
});

describe("loop conditions", () => {
  it("can count passes with loop.iteration", () => {
    const twice = looping({ left: "{{loop.iteration}}", op: "greater_than", value: 1 }, 5);
    expect(loopDecision(twice, null, 1, NO_SCOPE)).toBe("again");
    expect(loopDecision(twice, null, 2, NO_SCOPE)).toBe("done");
  });

  it("can read the task's own output through tasks.<id>.output", () => {
    const own = looping({ left: "{{tasks.refine.output.score}}", op: "greater_than", value: 0.8 });
    expect(loopDecision(own, { score: 0.5 }, 1, NO_SCOPE)).toBe("again");
    expect(loopDecision(own, { score: 0.9 }, 1, NO_SCOPE)).toBe("done");
  });

  it("sees what the task saw when it started: earlier outputs and the run input", () => {
    const g = graph(
      [task("draft"), looping({ left: "{{output.words}}", op: "contains", value: "final" })],
      [edge("draft", "refine")],
    );
    const scope = { runInput: { target: 3 }, item: null };
    const ctx = contextFor(g, states({ draft: ["completed", { text: "hi" }] }), "refine", scope);
    expect(loopDecision(g.tasks[1]!, { words: ["draft", "final"] }, 1, scope, ctx)).toBe("done");

    const byPrevious = looping({ left: "{{previous_output.text}}", op: "equals", value: "hi" });
    expect(loopDecision(byPrevious, {}, 1, scope, ctx)).toBe("done");
    const byInput = looping({ left: "{{run.input.target}}", op: "less_than", value: 2 });
    expect(loopDecision(byInput, {}, 1, scope, ctx)).toBe("again");
  });

  it("is done at once for a task that does not loop", () => {
    expect(loopDecision(task("plain"), { done: false }, 1, NO_SCOPE)).toBe("done");
  });
});
