import { describe, expect, it, vi } from "vitest";
import { nextSteps } from "./plan";
import { drive, fates, NO_SCOPE, states } from "./run-testing";
import { chain, edge, graph, task } from "./testing";

describe("a task fails", () => {
  const seq = graph([task("a"), task("b"), task("c")], chain("a", "b", "c"));

  it("fails the run and leaves the tasks after it pending", () => {
    expect(nextSteps(seq, states({ a: "completed", b: "failed" }), NO_SCOPE)).toEqual({ ready: [], skip: [], outcome: "failed" });
    expect(fates(seq, states({ a: "completed", b: "failed" }))).toEqual({ a: "completed", b: "failed", c: "pending" });
  });

  it("does not let a join run when one of its branches failed and the other completed", () => {
    const join = graph([task("a"), task("b"), task("c")], [edge("a", "c"), edge("b", "c")]);
    expect(fates(join, states({ a: "completed", b: "failed" }))).toEqual({ a: "completed", b: "failed", c: "pending" });
    expect(nextSteps(join, states({ a: "completed", b: "failed" }), NO_SCOPE).outcome).toBe("failed");
  });

  it("starts nothing new in a parallel branch once the run has failed", () => {
    // a → b fails; a → c completed, so d after c would otherwise be ready.
    const par = graph([task("a"), task("b"), task("c"), task("d")], [edge("a", "b"), edge("a", "c"), edge("c", "d")]);
    const s = states({ a: "completed", b: "failed", c: "completed" });
    expect(fates(par, s)).toEqual({ a: "completed", b: "failed", c: "completed", d: "pending" });
    expect(nextSteps(par, s, NO_SCOPE)).toEqual({ ready: [], skip: [], outcome: "failed" });
  });

  it("reports the failure while other tasks still run", () => {
    const par = graph([task("a"), task("b"), task("c")], [edge("a", "b"), edge("a", "c")]);
    expect(nextSteps(par, states({ a: "completed", b: "failed", c: "running" }), NO_SCOPE).outcome).toBe("failed");
  });

  it("stops a driven run at the failing task", () => {
    const execute = vi.fn((id: string) => {
      if (id === "b") throw new Error("boom");
      return id;
    });
    const run = drive(seq, execute);
    expect(run.outcome).toBe("failed");
    expect(execute.mock.calls.map(([id]) => id)).toEqual(["a", "b"]);
    expect(run.states.get("a")?.status).toBe("completed");
    expect(run.states.get("b")?.status).toBe("failed");
    expect(run.states.has("c")).toBe(false);
  });

  it("counts a cancelled task as finished, and its dependants as never running", () => {
    expect(nextSteps(seq, states({ a: "cancelled" }), NO_SCOPE)).toEqual({ ready: [], skip: ["b", "c"], outcome: "completed" });
    expect(fates(seq, states({ a: "cancelled" }))).toEqual({ a: "cancelled", b: "skip", c: "skip" });
  });
});
