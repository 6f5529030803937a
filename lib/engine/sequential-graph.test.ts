import { describe, expect, it } from "vitest";
import { validateTaskGraph } from "./graph";
import { DEFAULT_RETRY, taskGraphSchema } from "./graph-schema";
import { drive, fates, states } from "./run-testing";
import { sequentialGraph } from "./sequential";
import { describeIssues } from "./testing";

const list = [
  { agent: "planner", input: { goal: "{{run.input.goal}}" } },
  { agent: "coder", input: { plan: "{{previous_output}}" } },
  { agent: "planner", input: { review: "{{previous_output.diff}}", ticket: "{{item.data.ref}}" } },
];

describe("the task graph of a sequential list", () => {
  const g = sequentialGraph(list);

  it("makes one agent task per step, chained left to right", () => {
    expect(g.tasks.map((t) => [t.id, t.name, t.executor, t.input, t.position])).toEqual([
      ["step-1", "planner", { kind: "agent", role: "planner" }, list[0]!.input, { x: 0, y: 0 }],
      ["step-2", "coder", { kind: "agent", role: "coder" }, list[1]!.input, { x: 260, y: 0 }],
      ["step-3", "planner", { kind: "agent", role: "planner" }, list[2]!.input, { x: 520, y: 0 }],
    ]);
    expect(g.tasks.every((t) => t.retry === DEFAULT_RETRY && t.loop === null && t.timeoutMs === null)).toBe(true);
    expect(g.edges).toEqual([
      { from: "step-1", to: "step-2", condition: null },
      { from: "step-2", to: "step-3", condition: null },
    ]);
  });

  it("declares each agent once as a role", () => {
    expect(g.roles).toEqual([
      { id: "planner", name: "planner", capabilities: [] },
      { id: "coder", name: "coder", capabilities: [] },
    ]);
  });

  it("is a valid graph when steps after the first read previous_output", () => {
    expect(taskGraphSchema.safeParse(g).success).toBe(true);
    expect(describeIssues(validateTaskGraph(g))).toEqual([]);
  });

  it("is reported by the validator when the first step reads previous_output", () => {
    const bad = sequentialGraph([{ agent: "coder", input: { plan: "{{previous_output}}" } }, ...list.slice(1)]);
    expect(describeIssues(validateTaskGraph(bad))).toEqual([
      "step-1 input.plan: “coder” has no earlier task, so {{previous_output}} is empty; connect a task before it or reference item.data.",
    ]);
  });

  it("runs its steps one after another", () => {
    expect(fates(g, states({}))).toEqual({ "step-1": "ready", "step-2": "pending", "step-3": "pending" });
    expect(drive(g, (id) => id).steps).toEqual([["step-1"], ["step-2"], ["step-3"]]);
  });

  it("is an empty graph for an empty list", () => {
    expect(sequentialGraph([])).toEqual({ roles: [], tasks: [], edges: [] });
  });
});
