import { describe, expect, it, vi } from "vitest";
import type { Condition } from "./graph-schema";
import { nextSteps } from "./plan";
import { contextFor } from "./render";
import { drive, fates, NO_SCOPE, states } from "./run-testing";
import { chain, edge, graph, task } from "./testing";

const approved: Condition = { left: "{{previous_output.approved}}", op: "truthy" };
const rejected: Condition = { left: "{{previous_output.approved}}", op: "falsy" };

/** check → yes (approved) / no (rejected) → join */
const ifElse = graph(
  [task("check"), task("yes"), task("no"), task("join", { input: { branches: "{{previous_output}}" } })],
  [edge("check", "yes", approved), edge("check", "no", rejected), edge("yes", "join"), edge("no", "join")],
);

describe("if / else, then a join", () => {
  it("starts the branch whose condition holds and skips the other", () => {
    expect(fates(ifElse, states({ check: ["completed", { approved: true }] }))).toEqual({
      check: "completed",
      yes: "ready",
      no: "skip",
      join: "pending",
    });
    expect(fates(ifElse, states({ check: ["completed", { approved: false }] }))).toEqual({
      check: "completed",
      yes: "skip",
      no: "ready",
      join: "pending",
    });
  });

  it("runs the join once the branch that ran completed, the other being skipped", () => {
    const s = states({ check: ["completed", { approved: true }], yes: ["completed", "shipped"], no: "skipped" });
    expect(fates(ifElse, s)).toEqual({ check: "completed", yes: "completed", no: "skipped", join: "ready" });
    expect(contextFor(ifElse, s, "join", NO_SCOPE).previousOutput).toEqual({ yes: "shipped", no: null });
  });

  it("runs check, one branch and the join when driven", () => {
    const execute = vi.fn((id: string, input: unknown) => (id === "check" ? { approved: false } : id === "join" ? input : id));
    const run = drive(ifElse, execute);
    expect(run.steps).toEqual([["check"], ["no"], ["join"]]);
    expect(execute.mock.calls.map(([id]) => id)).toEqual(["check", "no", "join"]);
    expect(Object.fromEntries([...run.states].map(([id, s]) => [id, s.status]))).toEqual({
      check: "completed",
      yes: "skipped",
      no: "completed",
      join: "completed",
    });
    expect(run.states.get("join")?.output).toEqual({ branches: { yes: null, no: "no" } });
    expect(run.outcome).toBe("completed");
  });
});

describe("a false condition in front of a chain", () => {
  const g = graph(
    [task("check"), task("x"), task("y"), task("z")],
    [edge("check", "x", { left: "{{previous_output.go}}", op: "equals", value: true }), ...chain("x", "y", "z")],
  );

  it("skips the whole chain in one call and completes the run", () => {
    const s = states({ check: ["completed", { go: false }] });
    expect(nextSteps(g, s, NO_SCOPE)).toEqual({ ready: [], skip: ["x", "y", "z"], outcome: "completed" });
    expect(fates(g, s)).toEqual({ check: "completed", x: "skip", y: "skip", z: "skip" });
  });

  it("starts the chain when the condition holds", () => {
    expect(fates(g, states({ check: ["completed", { go: true }] }))).toEqual({ check: "completed", x: "ready", y: "pending", z: "pending" });
  });
});

describe("joins after skipped branches", () => {
  const g = graph(
    [task("check"), task("a"), task("b"), task("join"), task("after")],
    [edge("check", "a", approved), edge("check", "b", approved), edge("a", "join"), edge("b", "join"), edge("join", "after")],
  );

  it("skips a join when every branch into it was skipped, and what follows it", () => {
    expect(nextSteps(g, states({ check: ["completed", { approved: false }] }), NO_SCOPE)).toEqual({
      ready: [],
      skip: ["a", "b", "join", "after"],
      outcome: "completed",
    });
  });

  it("runs a join when a direct connection from the check holds though its branch was skipped", () => {
    const direct = graph(
      [task("check"), task("a"), task("join")],
      [edge("check", "a", approved), edge("a", "join"), edge("check", "join")],
    );
    expect(fates(direct, states({ check: ["completed", { approved: false }] }))).toEqual({ check: "completed", a: "skip", join: "ready" });
  });

  it("waits for a branch still running before deciding the join", () => {
    const s = states({ check: ["completed", { approved: true }], a: "running" });
    const mixed = graph(
      [task("check"), task("a"), task("b"), task("join")],
      [edge("check", "a", approved), edge("check", "b", rejected), edge("a", "join"), edge("b", "join")],
    );
    expect(fates(mixed, s)).toEqual({ check: "completed", a: "running", b: "skip", join: "pending" });
    expect(nextSteps(mixed, s, NO_SCOPE).outcome).toBe("running");
  });
});

describe("conditions that read more than the source's output", () => {
  it("reads an earlier task, the run input and the work item", () => {
    const g = graph(
      [task("score"), task("check"), task("big"), task("mine")],
      [
        edge("score", "check"),
        edge("check", "big", { left: "{{tasks.score.output.value}}", op: "greater_than", value: 10 }),
        edge("check", "mine", { left: "{{item.assignee}}", op: "equals", value: "ada" }),
      ],
    );
    const s = states({ score: ["completed", { value: "12" }], check: "completed" });
    const item = { id: "i1", title: "T", description: "", priority: "high", assignee: "bob", stage: "build", data: {} };
    expect(nextSteps(g, s, { runInput: null, item })).toEqual({ ready: ["big"], skip: ["mine"], outcome: "running" });
  });
});
