import { describe, expect, expectTypeOf, it } from "vitest";
import { executorSchema } from "@/lib/engine/graph-schema";
import { type StageDef, type WorkflowDefinition, definitionOf, definitionSchema, newStage, stageDefOf, validateDefinition } from "./definition";
import { STAGE_IDS, clone, sampleDefinition } from "./testing-definitions";

/** The definition as JSON written before run timeouts and workflow settings existed. */
function oldShape(): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(sampleDefinition())) as { settings?: unknown; stages: Record<string, unknown>[] };
  delete json.settings;
  for (const s of json.stages) delete s.runTimeoutMs;
  return json;
}

const issuesAt = (input: unknown) => {
  const r = definitionSchema.safeParse(input);
  if (r.success) throw new Error("expected the definition to be refused");
  return r.error.issues.map((i) => [i.path.join("."), i.message]);
};

describe("a definition written before run settings existed", () => {
  it("parses with no run timeouts and no limit of runs at a time", () => {
    const def = definitionSchema.parse(oldShape());
    expect(def.settings).toEqual({ maxConcurrentRuns: null, requiredSecrets: [] });
    expect(def.stages.map((s) => s.runTimeoutMs)).toEqual([null, null, null]);
    expect(validateDefinition(def)).toEqual([]);
  });

  it("gets its own settings object each time, so editing one parse leaves the next alone", () => {
    const a = definitionSchema.parse(oldShape());
    a.settings.maxConcurrentRuns = 9;
    expect(definitionSchema.parse(oldShape()).settings).toEqual({ maxConcurrentRuns: null, requiredSecrets: [] });
  });
});

describe("run settings that are set", () => {
  it("are always there after a parse: the parsed types have no optional fields", () => {
    expectTypeOf<StageDef["runTimeoutMs"]>().toEqualTypeOf<number | null>();
    expectTypeOf<WorkflowDefinition["settings"]>().toEqualTypeOf<{ maxConcurrentRuns: number | null; requiredSecrets: string[] }>();
  });

  it("parse as they are", () => {
    const def: WorkflowDefinition = definitionSchema.parse(sampleDefinition());
    expect(def.settings.maxConcurrentRuns).toBe(4);
    expect(def.stages[1]!.runTimeoutMs).toBe(1_800_000);
  });

  it("accept the bounds: 1 second to 30 days, 1 to 1000 runs", () => {
    const def = clone(sampleDefinition());
    def.stages[1]!.runTimeoutMs = 1_000;
    def.stages[0]!.runTimeoutMs = 30 * 86_400_000;
    def.settings.maxConcurrentRuns = 1_000;
    expect(definitionSchema.safeParse(def).success).toBe(true);
    def.settings.maxConcurrentRuns = 1;
    expect(definitionSchema.safeParse(def).success).toBe(true);
  });
});

describe("a run timeout out of range", () => {
  it.each([
    [999, "A run timeout is at least 1 second (1000 ms); use null for no timeout."],
    [0, "A run timeout is at least 1 second (1000 ms); use null for no timeout."],
    [30 * 86_400_000 + 1, "A run timeout is at most 30 days (2592000000 ms); use null for no timeout."],
    [1_500.5, "A run timeout is a whole number of milliseconds."],
  ])("is refused: %s ms", (ms, message) => {
    const def = clone(sampleDefinition());
    def.stages[1]!.runTimeoutMs = ms;
    expect(issuesAt(def)).toEqual([["stages.1.runTimeoutMs", message]]);
  });
});

describe("runs at a time out of range", () => {
  it.each([
    [0, "Runs at a time (maxConcurrentRuns) is at least 1; use null for no limit."],
    [1_001, "Runs at a time (maxConcurrentRuns) is at most 1000; use null for no limit."],
    [2.5, "Runs at a time (maxConcurrentRuns) is a whole number."],
  ])("is refused: %s", (n, message) => {
    const def = clone(sampleDefinition());
    def.settings.maxConcurrentRuns = n;
    expect(issuesAt(def)).toEqual([["settings.maxConcurrentRuns", message]]);
  });

  it("is refused when not a number", () => {
    expect(issuesAt({ ...oldShape(), settings: { maxConcurrentRuns: "5" } })[0]![0]).toBe("settings.maxConcurrentRuns");
  });
});

describe("the human executor", () => {
  it("takes instructions, empty ones included", () => {
    expect(executorSchema.parse({ kind: "human", instructions: "" })).toEqual({ kind: "human", instructions: "" });
    expect(executorSchema.parse({ kind: "human", instructions: "Sign the form." })).toEqual({ kind: "human", instructions: "Sign the form." });
  });

  it("refuses instructions over 5,000 characters, or none at all", () => {
    const long = executorSchema.safeParse({ kind: "human", instructions: "x".repeat(5_001) });
    expect(long.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["instructions", "Keep a human task's instructions under 5,000 characters."]]);
    expect(executorSchema.safeParse({ kind: "human" }).success).toBe(false);
  });
});

describe("stage builders", () => {
  it("start every stage without a run timeout", () => {
    expect(newStage(STAGE_IDS.extra, "AUTOMATION", "Build").runTimeoutMs).toBeNull();
    expect(stageDefOf({ id: STAGE_IDS.extra, name: "Build", type: "AUTOMATION", config: { wipLimit: 2 } }).runTimeoutMs).toBeNull();
  });

  it("give a definition default settings unless told otherwise", () => {
    const stages = [newStage(STAGE_IDS.extra, "HUMAN", "Inbox")];
    expect(definitionOf(stages)).toEqual({ stages, settings: { maxConcurrentRuns: null, requiredSecrets: [] } });
    expect(definitionOf(stages, { maxConcurrentRuns: 2 }).settings).toEqual({ maxConcurrentRuns: 2, requiredSecrets: [] });
  });
});
