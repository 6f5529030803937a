import { describe, expect, it } from "vitest";
import { definitionOf, newStage } from "@/lib/workflows/definition";
import { addStage, addTask, makeTask, renameTask, setStageBudget, setTaskBudget, updateStage } from "./edits";
import { HISTORY_LIMIT } from "./store/history-slice";
import { createDesignerStore, selectDirty } from "./store/store";

const S1 = "00000000-0000-4000-8000-000000000001";

function setup() {
  let clock = 1_000;
  const store = createDesignerStore({ definition: definitionOf([newStage(S1, "AUTOMATION", "Build")]), baseVersion: 3, now: () => clock });
  return { store, tick: (ms: number) => (clock += ms) };
}

describe("undo and redo", () => {
  it("steps back and forth through edits and clears redo after a new edit", () => {
    const { store } = setup();
    const s = store.getState;
    const start = s().definition;
    s().apply((d) => addStage(d, "HUMAN", 1, "x1"));
    s().apply((d) => addStage(d, "HUMAN", 2, "x2"));
    expect(s().definition.stages).toHaveLength(3);
    s().undo();
    expect(s().definition.stages).toHaveLength(2);
    s().undo();
    expect(s().definition).toBe(start);
    expect(selectDirty(s())).toBe(false);
    s().redo();
    expect(s().definition.stages).toHaveLength(2);
    expect(selectDirty(s())).toBe(true);
    s().apply((d) => updateStage(d, S1, { name: "Compile" }));
    s().redo();
    expect(s().definition.stages[0]!.name).toBe("Compile");
    expect(s().history.future).toEqual([]);
  });

  it("records nothing for an edit that changes nothing", () => {
    const { store } = setup();
    store.getState().apply((d) => updateStage(d, S1, { name: "Build" }));
    expect(store.getState().history.past).toHaveLength(0);
  });
});

describe("budgets and policy tags in the history", () => {
  it("undo takes back a budget and stage tags, and the definition is clean again", () => {
    const { store } = setup();
    const s = store.getState;
    s().apply((d) => addTask(d, S1, makeTask("agent_1", "Agent", { kind: "agent", role: "dev" }, { x: 0, y: 0 })));
    s().markSaved(4, s().definition, s().definition);
    s().apply((d) => setTaskBudget(d, S1, "agent_1", { maxCostUsd: 0.5 }), { coalesce: "task:budget.maxCostUsd" });
    s().apply((d) => setStageBudget(d, S1, { maxTokens: 20_000 }), { coalesce: "stage:budget.maxTokens" });
    s().apply((d) => updateStage(d, S1, { policyTags: ["secrets"] }), { coalesce: "stage:policyTags" });
    expect(selectDirty(s())).toBe(true);
    expect(s().definition.stages[0]).toMatchObject({ policyTags: ["secrets"], budget: { maxCostUsd: null, maxTokens: 20_000 } });
    s().undo();
    s().undo();
    expect(s().definition.stages[0]!.budget).toBeNull();
    expect(s().definition.stages[0]!.taskGraph!.tasks[0]!.budget).toEqual({ maxCostUsd: 0.5, maxTokens: null });
    s().undo();
    expect(selectDirty(s())).toBe(false);
    s().redo();
    expect(s().definition.stages[0]!.taskGraph!.tasks[0]!.budget).toEqual({ maxCostUsd: 0.5, maxTokens: null });
  });
});

describe("the history limit", () => {
  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    const { store } = setup();
    const s = store.getState;
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) s().apply((d) => updateStage(d, S1, { wipLimit: i + 1 }));
    expect(s().history.past).toHaveLength(HISTORY_LIMIT);
    while (s().history.past.length) s().undo();
    expect(s().definition.stages[0]!.wipLimit).toBe(20);
  });
});

describe("typing coalesces", () => {
  it("makes one step per burst in one field, and a new step after a pause, a blur or another field", () => {
    const { store, tick } = setup();
    const s = store.getState;
    const type = (name: string, key = "stage:name") => {
      tick(100);
      s().apply((d) => updateStage(d, S1, { name }), { coalesce: key });
    };
    type("B");
    type("Bu");
    type("Bui");
    expect(s().history.past).toHaveLength(1);
    tick(600);
    type("Buil");
    expect(s().history.past).toHaveLength(2);
    s().breakCoalescing();
    type("Build!");
    type("Build!!", "stage:agentPrompt");
    expect(s().history.past).toHaveLength(4);
    s().undo();
    s().undo();
    s().undo();
    expect(s().definition.stages[0]!.name).toBe("Bui");
    s().undo();
    expect(s().definition.stages[0]!.name).toBe("Build");
  });
});

describe("selection follows the history", () => {
  it("drops selected ids that an undo removed and closes a stage that no longer exists", () => {
    const { store } = setup();
    const s = store.getState;
    s().apply((d) => addStage(d, "AUTOMATION", 1, "x1"), { select: { stages: ["x1"] } });
    s().openStage("x1");
    s().apply((d) => addTask(d, "x1", makeTask("a", "A", { kind: "delay", ms: 1 }, { x: 0, y: 0 })), { select: { tasks: ["a"] } });
    s().apply((d) => renameTask(d, "x1", "a", "b"), { select: { tasks: ["b"] } });
    expect(s().selection.tasks).toEqual(["b"]);
    s().undo();
    expect(s().selection.tasks).toEqual([]);
    s().undo();
    s().undo();
    expect(s().openStageId).toBeNull();
  });
});

describe("saving", () => {
  it("makes the saved definition the new clean state and keeps edits made while the save was in flight", () => {
    const { store } = setup();
    const s = store.getState;
    s().apply((d) => updateStage(d, S1, { name: "Compile" }));
    const sent = s().definition;
    const fromServer = structuredClone(sent);
    s().markSaved(4, sent, fromServer);
    expect(s()).toMatchObject({ baseVersion: 4, definition: fromServer });
    expect(selectDirty(s())).toBe(false);
    s().apply((d) => updateStage(d, S1, { name: "Compile 2" }));
    const inFlight = s().definition;
    s().markSaved(5, sent, fromServer);
    expect(s().definition).toBe(inFlight);
    expect(selectDirty(s())).toBe(true);
  });
});
