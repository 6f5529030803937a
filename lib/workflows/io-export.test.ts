import { describe, expect, it } from "vitest";
import type { Task } from "@/lib/engine/graph-schema";
import { type StageDef, newStage } from "./definition";
import { exportDescriptor, exportWorkflow, parseImport } from "./io";
import { readDescriptor } from "./io-descriptor";
import { STAGE_IDS, clone, reviewGraph, sampleDefinition, task } from "./testing-definitions";

const meta = { name: "Code Review", description: "Reviews pull requests.", version: 4 };
const reviewStage = () => sampleDefinition().stages[1]!;
const withoutCanvas = ({ position: _p, loop: _l, ...rest }: Task) => rest;

describe("Tandem export", () => {
  it("wraps the definition with format, version and time", () => {
    const def = sampleDefinition();
    const file = exportWorkflow(meta, def);
    expect(file).toMatchObject({ format: "tandem.workflow", formatVersion: 1, name: "Code Review", description: "Reviews pull requests.", version: 4 });
    expect(new Date(file.exportedAt).toISOString()).toBe(file.exportedAt);
    expect(file.definition).toEqual(def);
  });
});

describe("Tandem export, then import", () => {
  it("gives back budgets and stage policy tags", () => {
    const def = sampleDefinition();
    def.stages[1]!.policyTags = ["secrets"];
    def.stages[1]!.budget = { maxCostUsd: 0.5, maxTokens: 20_000 };
    def.stages[1]!.taskGraph!.tasks[0]!.budget = { maxCostUsd: null, maxTokens: 5_000 };
    const result = parseImport(JSON.stringify(exportWorkflow(meta, def)));
    expect(result).toMatchObject({ ok: true, kind: "tandem", definition: def });
  });

  it("gives back the same definition, conditions, loops, run timeouts, settings and human tasks included", () => {
    const def = sampleDefinition();
    const result = parseImport(JSON.stringify(exportWorkflow(meta, def), null, 2));
    expect(result).toEqual({ ok: true, kind: "tandem", name: "Code Review", description: "Reviews pull requests.", definition: def });
    if (!result.ok || result.kind !== "tandem") throw new Error("expected a Tandem import");
    expect(result.definition.settings).toEqual({ maxConcurrentRuns: 4, requiredSecrets: [] });
    expect(result.definition.stages[1]!.runTimeoutMs).toBe(1_800_000);
    expect(result.definition.stages[1]!.taskGraph!.tasks.find((t) => t.id === "confirm")!.executor).toEqual({
      kind: "human",
      instructions: "Confirm the release notes.",
    });
  });
});

describe("descriptor export", () => {
  it("has the descriptor shape: slug id, semver, roles, tasks with dependsOn", () => {
    const d = exportDescriptor(reviewStage(), { name: meta.name, version: meta.version });
    expect(d.id).toBe("code-review.agent-pre-review");
    expect(d.version).toBe("4.0.0");
    expect(d.displayName).toBe("Agent pre-review");
    expect(d.roles).toEqual([{ roleId: "reviewer", displayName: "Reviewer", personaCapabilityRequirements: ["code.review"] }]);
    expect(d.tasks.map((t) => [t.id, t.dependsOn])).toEqual([
      ["analyze", []],
      ["approve", ["analyze"]],
      ["notify", ["approve"]],
      ["shape", ["analyze"]],
      ["wait", ["shape"]],
      ["confirm", ["notify"]],
    ]);
    expect(d.tasks[0]).toEqual({
      id: "analyze",
      name: "Analyze diff",
      executor: { type: "agent", roleId: "reviewer", modelHint: "small", prompt: "Review the diff." },
      dependsOn: [],
      inputSchema: { type: "object", properties: { diff: { type: "string" } } },
      outputSchema: { type: "object", properties: { ok: { type: "boolean" } } },
      policyTags: ["guardrail.secure_outputs"],
      retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 500 },
      timeoutMs: 60_000,
      input: { diff: "{{run.input.diff}}" },
    });
    expect(d.tasks[2]!.executor).toEqual({ type: "http", method: "POST", url: "https://example.com/hook", headers: { "x-team": "core" }, body: { ok: true } });
    expect(d.tasks[5]!.executor).toEqual({ type: "human", instructions: "Confirm the release notes." });
  });

  it("puts the stage's run timeout at the top, as the descriptor's own timeoutMs", () => {
    expect(exportDescriptor(reviewStage(), { name: "x", version: 1 }).timeoutMs).toBe(30 * 60_000);
    expect(exportDescriptor({ ...reviewStage(), runTimeoutMs: null }, { name: "x", version: 1 }).timeoutMs).toBeNull();
  });

  it("puts the stage's policy tags and run budget at the top, and a task's budget on the task only when it has one", () => {
    const stage = reviewStage();
    const plain = exportDescriptor(stage, { name: "x", version: 1 });
    expect(plain).toMatchObject({ policyTags: [], budget: null });
    expect(plain.tasks.every((t) => !("budget" in t))).toBe(true);
    stage.policyTags = ["secrets", "needs-approval"];
    stage.budget = { maxCostUsd: 0.5, maxTokens: null };
    stage.taskGraph!.tasks[0]!.budget = { maxCostUsd: 0.25, maxTokens: 20_000 };
    const d = exportDescriptor(stage, { name: "x", version: 1 });
    expect(d).toMatchObject({ policyTags: ["secrets", "needs-approval"], budget: { maxCostUsd: 0.5, maxTokens: null } });
    expect(d.tasks[0]!.budget).toEqual({ maxCostUsd: 0.25, maxTokens: 20_000 });
  });

  it("declares agent roles the graph left undeclared, with no capabilities", () => {
    const stage = { ...newStage(STAGE_IDS.extra, "AUTOMATION", "Ünïcode Stage!"), taskGraph: reviewGraph() };
    stage.taskGraph.tasks.push(task("fix", { executor: { kind: "agent", role: "coder" } }), task("fix2", { executor: { kind: "agent", role: "coder" } }));
    const d = exportDescriptor(stage, { name: "My  Flow", version: 1 });
    expect(d.id).toBe("my-flow.unicode-stage");
    expect(d.roles.map((r) => [r.roleId, r.personaCapabilityRequirements])).toEqual([
      ["reviewer", ["code.review"]],
      ["coder", []],
    ]);
  });

  it("exports a stage without a graph as an empty task list", () => {
    const d = exportDescriptor(sampleDefinition().stages[0]!, { name: "x", version: 2 });
    expect(d).toMatchObject({ id: "x.backlog", roles: [], tasks: [] });
  });
});

describe("descriptor export, then import", () => {
  it("gives back the same tasks, executors, retry, schemas and edges, without conditions and loops", () => {
    const stage = reviewStage();
    const result = parseImport(JSON.stringify(exportDescriptor(stage, { name: meta.name, version: 4 })));
    if (!result.ok || result.kind !== "descriptor") throw new Error(JSON.stringify(result));
    const original = stage.taskGraph!;
    expect(result.name).toBe("Agent pre-review");
    expect(result.graph.tasks.map(withoutCanvas)).toEqual(original.tasks.map(withoutCanvas));
    expect(result.graph.tasks.every((t) => t.loop === null)).toBe(true);
    expect(result.graph.edges).toEqual(original.edges.map((e) => ({ ...e, condition: null })));
    expect(result.graph.roles).toEqual(original.roles);
  });

  it("gives back the run timeout, a cleared one included, so a stage it replaces takes the file's", () => {
    const read = (stage: ReturnType<typeof reviewStage>) => {
      const result = parseImport(JSON.stringify(exportDescriptor(stage, { name: "x", version: 1 })));
      if (!result.ok || result.kind !== "descriptor") throw new Error(JSON.stringify(result));
      return result;
    };
    expect(read(reviewStage()).runTimeoutMs).toBe(30 * 60_000);
    const cleared = read({ ...reviewStage(), runTimeoutMs: null });
    expect(cleared).toHaveProperty("runTimeoutMs", null);
  });

  it("gives back a task's budget, and no budget where the task had none", () => {
    const stage = reviewStage();
    stage.taskGraph!.tasks[0]!.budget = { maxCostUsd: 0.5, maxTokens: 20_000 };
    const result = parseImport(JSON.stringify(exportDescriptor(stage, { name: "x", version: 1 })));
    if (!result.ok || result.kind !== "descriptor") throw new Error(JSON.stringify(result));
    expect(result.graph.tasks[0]!.budget).toEqual({ maxCostUsd: 0.5, maxTokens: 20_000 });
    expect(result.graph.tasks.slice(1).every((t) => t.budget === undefined)).toBe(true);
    expect(result.graph.tasks.map(withoutCanvas)).toEqual(stage.taskGraph!.tasks.map(withoutCanvas));
  });

  it("reads back the stage's policy tags and run budget from the top, a cleared budget included", () => {
    const stage: StageDef = { ...reviewStage(), policyTags: ["secrets"], budget: { maxCostUsd: null, maxTokens: 20_000 } };
    const back = (s: StageDef) => readDescriptor(JSON.parse(JSON.stringify(exportDescriptor(s, { name: "x", version: 1 }))), "");
    expect(back(stage)).toMatchObject({ policyTags: ["secrets"], budget: { maxCostUsd: null, maxTokens: 20_000 } });
    expect(back({ ...stage, policyTags: [], budget: null })).toMatchObject({ policyTags: [], budget: null });
  });

  it("lays tasks out in columns by dependency depth", () => {
    const result = parseImport(JSON.stringify(exportDescriptor(reviewStage(), { name: "x", version: 1 })));
    if (!result.ok || result.kind !== "descriptor") throw new Error(JSON.stringify(result));
    expect(Object.fromEntries(result.graph.tasks.map((t) => [t.id, t.position]))).toEqual({
      analyze: { x: 0, y: 0 },
      approve: { x: 260, y: 0 },
      shape: { x: 260, y: 120 },
      notify: { x: 520, y: 0 },
      wait: { x: 520, y: 120 },
      confirm: { x: 780, y: 0 },
    });
  });

  it("keeps the original untouched", () => {
    const stage = reviewStage();
    const copy = clone(stage);
    exportDescriptor(stage, { name: "x", version: 1 }).tasks[0]!.policyTags.push("mutated");
    expect(stage).toEqual(copy);
  });
});
