import { describe, expect, it, vi } from "vitest";
import { nextSteps } from "./plan";
import { drive, fates, NO_SCOPE, states } from "./run-testing";
import { chain, graph, task } from "./testing";

/** a → b → c, each passing its input on. */
const g = graph(
  [task("a", { input: { n: "{{run.input.n}}" } }), task("b", { input: { from: "{{previous_output}}" } }), task("c", { input: { from: "{{previous_output}}" } })],
  chain("a", "b", "c"),
);

describe("a sequence of three tasks", () => {
  it("starts with the first task only", () => {
    expect(fates(g, states({}))).toEqual({ a: "ready", b: "pending", c: "pending" });
    expect(nextSteps(g, states({}), NO_SCOPE)).toEqual({ ready: ["a"], skip: [], outcome: "running" });
  });

  it("counts a task missing from the states as pending", () => {
    expect(fates(g, states({ a: "pending" }))).toEqual({ a: "ready", b: "pending", c: "pending" });
  });

  it("offers nothing new while a task is queued, running or waiting", () => {
    for (const status of ["queued", "running", "waiting"] as const) {
      expect(fates(g, states({ a: status }))).toEqual({ a: status, b: "pending", c: "pending" });
      expect(nextSteps(g, states({ a: status }), NO_SCOPE).outcome).toBe("running");
    }
  });

  it("starts each task once the one before it completed", () => {
    expect(fates(g, states({ a: "completed" }))).toEqual({ a: "completed", b: "ready", c: "pending" });
    expect(fates(g, states({ a: "completed", b: "completed" }))).toEqual({ a: "completed", b: "completed", c: "ready" });
  });

  it("completes when every task completed", () => {
    expect(nextSteps(g, states({ a: "completed", b: "completed", c: "completed" }), NO_SCOPE)).toEqual({
      ready: [],
      skip: [],
      outcome: "completed",
    });
  });

  it("runs the tasks in order, each seeing the output before it", () => {
    const execute = vi.fn((id: string, input: unknown) => ({ id, input }));
    const run = drive(g, execute, { runInput: { n: 7 }, item: null });
    expect(run.outcome).toBe("completed");
    expect(run.steps).toEqual([["a"], ["b"], ["c"]]);
    expect(execute.mock.calls).toEqual([
      ["a", { n: 7 }],
      ["b", { from: { id: "a", input: { n: 7 } } }],
      ["c", { from: { id: "b", input: { from: { id: "a", input: { n: 7 } } } } }],
    ]);
    expect([...run.states].map(([id, s]) => [id, s.status])).toEqual([
      ["a", "completed"],
      ["b", "completed"],
      ["c", "completed"],
    ]);
  });

  it("has nothing to do in an empty graph, which is complete", () => {
    expect(nextSteps(graph([]), states({}), NO_SCOPE)).toEqual({ ready: [], skip: [], outcome: "completed" });
  });
});
