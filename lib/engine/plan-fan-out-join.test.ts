import { describe, expect, it, vi } from "vitest";
import { nextSteps } from "./plan";
import { contextFor } from "./render";
import { drive, fates, NO_SCOPE, states } from "./run-testing";
import { edge, graph, task } from "./testing";

/** split → (lint, test, review) → merge, with merge reading every branch. */
const g = graph(
  [task("split"), task("lint"), task("test"), task("review"), task("merge", { input: { all: "{{previous_output}}", risk: "{{previous_output.review.risk}}" } })],
  [edge("split", "lint"), edge("split", "test"), edge("split", "review"), edge("lint", "merge"), edge("test", "merge"), edge("review", "merge")],
);

describe("fan out to three branches, then join", () => {
  it("starts every branch together once the split completed", () => {
    expect(fates(g, states({ split: "completed" }))).toEqual({ split: "completed", lint: "ready", test: "ready", review: "ready", merge: "pending" });
  });

  it("keeps the join waiting while any branch is unfinished", () => {
    const s = states({ split: "completed", lint: "completed", test: "completed", review: "running" });
    expect(fates(g, s)).toEqual({ split: "completed", lint: "completed", test: "completed", review: "running", merge: "pending" });
    expect(nextSteps(g, s, NO_SCOPE).outcome).toBe("running");
  });

  it("starts the join once every branch completed", () => {
    const s = states({ split: "completed", lint: "completed", test: "completed", review: "completed" });
    expect(fates(g, s)).toEqual({ split: "completed", lint: "completed", test: "completed", review: "completed", merge: "ready" });
  });

  it("gives the join its branches' outputs keyed by task id", () => {
    const s = states({ split: "completed", lint: ["completed", { ok: true }], test: ["completed", 12], review: ["completed", { risk: "low" }] });
    expect(contextFor(g, s, "merge", NO_SCOPE).previousOutput).toEqual({ lint: { ok: true }, test: 12, review: { risk: "low" } });
  });

  it("runs split, the three branches in one step, then merge", () => {
    const execute = vi.fn((id: string, input: unknown) => (id === "review" ? { risk: "high" } : id === "merge" ? input : id));
    const run = drive(g, execute);
    expect(run.steps).toEqual([["split"], ["lint", "test", "review"], ["merge"]]);
    expect(run.outcome).toBe("completed");
    expect(run.states.get("merge")).toEqual({
      status: "completed",
      output: { all: { lint: "lint", test: "test", review: { risk: "high" } }, risk: "high" },
    });
    for (const id of ["split", "lint", "test", "review"]) expect(run.states.get(id)?.status).toBe("completed");
  });

  it("starts every task without dependencies at once", () => {
    const roots = graph([task("a"), task("b"), task("c")], [edge("a", "c"), edge("b", "c")]);
    expect(fates(roots, states({}))).toEqual({ a: "ready", b: "ready", c: "pending" });
    expect(fates(roots, states({ a: "completed" }))).toEqual({ a: "completed", b: "ready", c: "pending" });
    expect(fates(roots, states({ a: "completed", b: "completed" }))).toEqual({ a: "completed", b: "completed", c: "ready" });
  });
});
