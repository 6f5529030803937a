import { describe, expect, it } from "vitest";
import { type TaskGraph, edgeKey } from "@/lib/engine/graph-schema";
import { type WorkflowDefinition, definitionOf, newStage } from "@/lib/workflows/definition";
import {
  addStage,
  addTask,
  appendGraphStage,
  budgetWith,
  connect,
  disconnect,
  makeTask,
  moveStage,
  newTaskId,
  orderStages,
  pasteStages,
  pasteTasks,
  removeStages,
  removeTasks,
  renameTask,
  setEdgeCondition,
  setPositions,
  setStageBudget,
  setStageGraph,
  setTaskBudget,
  subgraph,
  updateSettings,
  updateStage,
  updateTask,
} from "./edits";

const S1 = "00000000-0000-4000-8000-000000000001";
const S2 = "00000000-0000-4000-8000-000000000002";
const S3 = "00000000-0000-4000-8000-000000000003";

function threeStages(): WorkflowDefinition {
  return definitionOf([newStage(S1, "HUMAN", "To do"), newStage(S2, "AUTOMATION", "Build"), newStage(S3, "HUMAN", "Done")]);
}

const names = (d: WorkflowDefinition) => d.stages.map((s) => s.name);
const delay = (ms: number) => ({ kind: "delay" as const, ms });
const graphOf = (d: WorkflowDefinition, id = S2): TaskGraph => d.stages.find((s) => s.id === id)!.taskGraph!;

/** Stage 2 with a → b → c. */
function withChain(): WorkflowDefinition {
  let d = threeStages();
  for (const [i, id] of ["a", "b", "c"].entries()) d = addTask(d, S2, makeTask(id, id.toUpperCase(), delay(10), { x: i * 200, y: 0 }));
  return connect(connect(d, S2, "a", "b"), S2, "b", "c");
}

describe("adding, moving and removing stages", () => {
  it("inserts a stage named after its type at the index, with a unique name and agent auto-apply off", () => {
    const d = addStage(addStage(threeStages(), "AUTOMATION", 1, "n1"), "AGENT_ASSIST", 99, "n2");
    expect(names(d)).toEqual(["To do", "Automation", "Build", "Done", "Agent assist"]);
    expect(d.stages[4]!.agentAutoApply).toBe(false);
    expect(names(addStage(d, "AUTOMATION", 0, "n3"))[0]).toBe("Automation 2");
  });

  it("moves, orders by ids and removes, returning the same definition when nothing changes", () => {
    const d = threeStages();
    expect(names(moveStage(d, 0, 2))).toEqual(["Build", "Done", "To do"]);
    expect(moveStage(d, 1, 1)).toBe(d);
    expect(names(orderStages(d, [S3, S1, S2]))).toEqual(["Done", "To do", "Build"]);
    expect(orderStages(d, [S1, S2, S3])).toBe(d);
    expect(names(removeStages(d, [S1, S3]))).toEqual(["Build"]);
    expect(removeStages(d, ["nope"])).toBe(d);
  });

  it("updates settings and keeps untouched stages by reference", () => {
    const d = threeStages();
    const u = updateStage(d, S2, { name: "Compile", wipLimit: 3 });
    expect(u.stages[1]).toMatchObject({ name: "Compile", wipLimit: 3 });
    expect(u.stages[0]).toBe(d.stages[0]);
    expect(updateStage(u, S2, { name: "Compile" })).toBe(u);
  });

  it("sets and clears a run timeout", () => {
    const d = threeStages();
    expect(d.stages[1]!.runTimeoutMs).toBeNull();
    const u = updateStage(d, S2, { runTimeoutMs: 600_000 });
    expect(u.stages[1]!.runTimeoutMs).toBe(600_000);
    expect(updateStage(u, S2, { runTimeoutMs: 600_000 })).toBe(u);
    expect(updateStage(u, S2, { runTimeoutMs: null }).stages[1]!.runTimeoutMs).toBeNull();
  });

  it("sets and clears a stage's policy tags", () => {
    const d = threeStages();
    expect(d.stages[1]!.policyTags).toEqual([]);
    const u = updateStage(d, S2, { policyTags: ["secrets", "needs-approval"] });
    expect(u.stages[1]!.policyTags).toEqual(["secrets", "needs-approval"]);
    expect(u.stages[0]).toBe(d.stages[0]);
    expect(updateStage(u, S2, { policyTags: [] }).stages[1]!.policyTags).toEqual([]);
  });

  it("sets a run budget one limit at a time, and clearing both leaves none (null)", () => {
    const d = threeStages();
    expect(d.stages[1]!.budget).toBeNull();
    const cost = setStageBudget(d, S2, { maxCostUsd: 0.5 });
    expect(cost.stages[1]!.budget).toEqual({ maxCostUsd: 0.5, maxTokens: null });
    const both = setStageBudget(cost, S2, { maxTokens: 20_000 });
    expect(both.stages[1]!.budget).toEqual({ maxCostUsd: 0.5, maxTokens: 20_000 });
    expect(setStageBudget(both, S2, { maxTokens: 20_000 })).toBe(both);
    const tokensOnly = setStageBudget(both, S2, { maxCostUsd: null });
    expect(tokensOnly.stages[1]!.budget).toEqual({ maxCostUsd: null, maxTokens: 20_000 });
    expect(setStageBudget(tokensOnly, S2, { maxTokens: null }).stages[1]!.budget).toBeNull();
    expect(setStageBudget(d, S2, { maxCostUsd: null })).toBe(d);
    expect(setStageBudget(d, "nope", { maxCostUsd: 1 })).toBe(d);
  });

  it("keeps a pasted stage's run timeout", () => {
    const d = updateStage(threeStages(), S2, { runTimeoutMs: 60_000 });
    const { definition, ids } = pasteStages(d, [d.stages[1]!], 3, () => "p1");
    expect(definition.stages.find((s) => s.id === ids[0])!.runTimeoutMs).toBe(60_000);
  });
});

describe("workflow settings", () => {
  it("start with no limit of runs at a time, change, and return the same definition when nothing changes", () => {
    const d = threeStages();
    expect(d.settings).toEqual({ maxConcurrentRuns: null, requiredSecrets: [] });
    const u = updateSettings(d, { maxConcurrentRuns: 5 });
    expect(u.settings).toEqual({ maxConcurrentRuns: 5, requiredSecrets: [] });
    expect(u.stages).toBe(d.stages);
    expect(d.settings.maxConcurrentRuns).toBeNull();
    expect(updateSettings(u, { maxConcurrentRuns: 5 })).toBe(u);
    expect(updateSettings(u, { maxConcurrentRuns: null }).settings.maxConcurrentRuns).toBeNull();
  });
});

describe("pasting stages", () => {
  it("gives copies fresh ids and “(copy)” names, and deep-copies their graphs", () => {
    const d = withChain();
    let n = 0;
    const { definition, ids } = pasteStages(d, [d.stages[1]!, d.stages[1]!], 2, () => `new-${++n}`);
    expect(ids).toEqual(["new-1", "new-2"]);
    expect(names(definition)).toEqual(["To do", "Build", "Build (copy)", "Build (copy) 2", "Done"]);
    expect(graphOf(definition, "new-1").tasks).toHaveLength(3);
    expect(graphOf(definition, "new-1").tasks[0]).not.toBe(graphOf(d).tasks[0]);
  });
});

describe("appending an imported graph as a stage", () => {
  it("adds an automation stage named after the descriptor at the end", () => {
    const g = graphOf(withChain());
    const d = appendGraphStage(threeStages(), "Build", g, "imp");
    expect(d.stages.at(-1)).toMatchObject({ id: "imp", type: "AUTOMATION", name: "Build 2", taskGraph: g, runTimeoutMs: null });
    expect(appendGraphStage(threeStages(), "Lint", g, "imp", { runTimeoutMs: 90_000 }).stages.at(-1)!.runTimeoutMs).toBe(90_000);
  });
});

describe("replacing a stage's graph from an imported file", () => {
  it("takes the file's run timeout when it has one, and keeps the stage's own when it does not", () => {
    const g = graphOf(withChain());
    const d = updateStage(threeStages(), S2, { runTimeoutMs: 60_000 });
    expect(setStageGraph(d, S2, g).stages[1]).toMatchObject({ taskGraph: g, runTimeoutMs: 60_000 });
    expect(setStageGraph(d, S2, g, { runTimeoutMs: 120_000 }).stages[1]!.runTimeoutMs).toBe(120_000);
    expect(setStageGraph(d, S2, g, { runTimeoutMs: null, policyTags: ["secrets"] }).stages[1]).toMatchObject({ runTimeoutMs: null, policyTags: ["secrets"] });
  });
});

describe("adding and updating tasks", () => {
  it("creates the graph on the first task, refuses a taken id, and derives ids from the kind", () => {
    const d = addTask(threeStages(), S2, makeTask("agent_1", "Agent", { kind: "agent", role: "dev" }, { x: 1.4, y: 2.6 }));
    expect(graphOf(d).tasks[0]!.position).toEqual({ x: 1, y: 3 });
    expect(addTask(d, S2, makeTask("agent_1", "Again", delay(1), { x: 0, y: 0 }))).toBe(d);
    expect(newTaskId(graphOf(d), "agent")).toBe("agent_2");
    expect(newTaskId(graphOf(d), "http")).toBe("http_1");
  });

  it("patches one task and returns the same definition for a no-op patch", () => {
    const d = withChain();
    const u = updateTask(d, S2, "b", { name: "Bee", timeoutMs: 5000 });
    expect(graphOf(u).tasks[1]).toMatchObject({ id: "b", name: "Bee", timeoutMs: 5000 });
    expect(graphOf(u).tasks[0]).toBe(graphOf(d).tasks[0]);
    expect(updateTask(u, S2, "b", { name: "Bee" })).toBe(u);
  });
});

describe("a task's budget", () => {
  const withAgent = () => addTask(threeStages(), S2, makeTask("agent_1", "Agent", { kind: "agent", role: "dev" }, { x: 0, y: 0 }));
  const budgetOf = (d: WorkflowDefinition) => graphOf(d).tasks[0]!.budget;

  it("starts absent, takes a cost or a number of tokens or both, and is null once both are cleared", () => {
    const d = withAgent();
    expect(budgetOf(d)).toBeUndefined();
    const tokens = setTaskBudget(d, S2, "agent_1", { maxTokens: 20_000 });
    expect(budgetOf(tokens)).toEqual({ maxCostUsd: null, maxTokens: 20_000 });
    const both = setTaskBudget(tokens, S2, "agent_1", { maxCostUsd: 0.5 });
    expect(budgetOf(both)).toEqual({ maxCostUsd: 0.5, maxTokens: 20_000 });
    const cleared = setTaskBudget(setTaskBudget(both, S2, "agent_1", { maxTokens: null }), S2, "agent_1", { maxCostUsd: null });
    expect(budgetOf(cleared)).toBeNull();
  });

  it("returns the same definition when the limits do not change, or the task is not there", () => {
    const d = withAgent();
    expect(setTaskBudget(d, S2, "agent_1", { maxCostUsd: null })).toBe(d);
    const u = setTaskBudget(d, S2, "agent_1", { maxCostUsd: 2 });
    expect(setTaskBudget(u, S2, "agent_1", { maxCostUsd: 2 })).toBe(u);
    expect(setTaskBudget(u, S2, "nope", { maxCostUsd: 3 })).toBe(u);
  });

  it("is copied with a pasted task", () => {
    const d = setTaskBudget(withAgent(), S2, "agent_1", { maxCostUsd: 1.25 });
    const { definition, ids } = pasteTasks(d, S2, subgraph(graphOf(d), ["agent_1"]), { x: 40, y: 40 });
    expect(graphOf(definition).tasks.find((t) => t.id === ids[0])!.budget).toEqual({ maxCostUsd: 1.25, maxTokens: null });
  });
});

describe("budgetWith", () => {
  it("changes only the limits it is given and never returns an empty budget", () => {
    expect(budgetWith(undefined, {})).toBeNull();
    expect(budgetWith(null, { maxTokens: 0 })).toEqual({ maxCostUsd: null, maxTokens: 0 });
    expect(budgetWith({ maxCostUsd: 1, maxTokens: 5 }, { maxTokens: undefined })).toEqual({ maxCostUsd: 1, maxTokens: 5 });
    expect(budgetWith({ maxCostUsd: 1, maxTokens: null }, { maxCostUsd: null })).toBeNull();
  });
});

describe("renaming a task", () => {
  it("moves its edges along and refuses invalid or taken ids", () => {
    const d = renameTask(withChain(), S2, "b", "build");
    expect(graphOf(d).tasks.map((t) => t.id)).toEqual(["a", "build", "c"]);
    expect(graphOf(d).edges.map(edgeKey)).toEqual(["a->build", "build->c"]);
    expect(renameTask(d, S2, "build", "a")).toBe(d);
    expect(renameTask(d, S2, "build", "9lives")).toBe(d);
    expect(renameTask(d, S2, "build", "")).toBe(d);
  });
});

describe("removing tasks", () => {
  it("removes the tasks and every edge touching them", () => {
    const d = removeTasks(withChain(), S2, ["b"]);
    expect(graphOf(d).tasks.map((t) => t.id)).toEqual(["a", "c"]);
    expect(graphOf(d).edges).toEqual([]);
  });
});

describe("connecting tasks", () => {
  it("refuses self-links and duplicates but lets a cycle be drawn", () => {
    const d = withChain();
    expect(connect(d, S2, "a", "a")).toBe(d);
    expect(connect(d, S2, "a", "b")).toBe(d);
    expect(connect(d, S2, "a", "zzz")).toBe(d);
    expect(graphOf(connect(d, S2, "c", "a")).edges.map(edgeKey)).toContain("c->a");
  });

  it("sets and clears a condition, and disconnects by key", () => {
    const cond = { left: "{{previous_output.score}}", op: "greater_than" as const, value: 3 };
    const d = setEdgeCondition(withChain(), S2, "a->b", cond);
    expect(graphOf(d).edges[0]!.condition).toEqual(cond);
    expect(graphOf(setEdgeCondition(d, S2, "a->b", null)).edges[0]!.condition).toBeNull();
    expect(graphOf(disconnect(d, S2, ["a->b"])).edges.map(edgeKey)).toEqual(["b->c"]);
  });
});

describe("copying and pasting tasks", () => {
  it("pastes with fresh ids and offset positions, keeping only the edges among the copied tasks", () => {
    const d = withChain();
    const copied = subgraph(graphOf(d), ["a", "b"]);
    expect(copied.edges.map(edgeKey)).toEqual(["a->b"]);
    const { definition, ids } = pasteTasks(d, S2, copied, { x: 40, y: 40 });
    expect(ids).toEqual(["a_1", "b_1"]);
    const g = graphOf(definition);
    expect(g.tasks.find((t) => t.id === "a_1")!.position).toEqual({ x: 40, y: 40 });
    expect(g.edges.map(edgeKey)).toEqual(["a->b", "b->c", "a_1->b_1"]);
    expect(pasteTasks(definition, S2, subgraph(g, ["a_1"]), { x: 0, y: 0 }).ids).toEqual(["a_2"]);
  });
});

describe("moving tasks", () => {
  it("sets rounded positions in one edit and skips tasks already there", () => {
    const d = withChain();
    const u = setPositions(d, S2, new Map([["a", { x: 10.2, y: 20.7 }], ["b", { x: 200, y: 0 }]]));
    expect(graphOf(u).tasks[0]!.position).toEqual({ x: 10, y: 21 });
    expect(graphOf(u).tasks[1]).toBe(graphOf(d).tasks[1]);
    expect(setPositions(d, S2, new Map([["b", { x: 200, y: 0 }]]))).toBe(d);
  });
});
