import { describe, expect, it } from "vitest";
import { chooseEngine, classifyIntent, type EngineStats } from "./route";

describe("classifyIntent", () => {
  it.each([
    ["Fix the crash when saving an empty workflow", "fix"],
    ["login is broken after the last deploy", "fix"],
    ["the nightly build is failing with a regression", "fix"],
    ["add tests for lib/format.ts", "test"],
    ["raise coverage of the engine", "test"],
    ["update the README with the new env vars", "docs"],
    ["document the run API", "docs"],
    ["refactor the board queries", "refactor"],
    ["rename fooBar to bazQux", "refactor"],
    ["clean up the designer store", "refactor"],
    ["review the auth middleware", "review"],
    ["audit the secrets module", "review"],
    ["How does the queue recover after a crash", "question"],
    ["where are the migrations applied?", "question"],
    ["implement CSV export of work items", "feature"],
    ["add support for webhooks", "feature"],
  ] as const)("%s → %s", (goal, intent) => {
    expect(classifyIntent(goal).intent).toBe(intent);
  });

  it("lists the words it matched", () => {
    const r = classifyIntent("Fix the crash and the error in export");
    expect(r.signals).toEqual(["fix", "crash", "error"]);
    expect(r.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("defaults to feature with low confidence when nothing matches", () => {
    expect(classifyIntent("dark mode for the board")).toEqual({ intent: "feature", confidence: 0.2, signals: [] });
  });

  it("is less sure when signals disagree", () => {
    const mixed = classifyIntent("fix the tests");
    const clear = classifyIntent("fix the crash");
    expect(mixed.intent).toBe("fix"); // ties go to the more specific order: fix before test
    expect(mixed.confidence).toBeLessThan(clear.confidence);
  });

  it("does not match words inside other words", () => {
    expect(classifyIntent("remove the address field").signals).toEqual([]);
  });

  it("a trailing question mark alone does not beat a request", () => {
    expect(classifyIntent("can you fix the crash?").intent).toBe("fix");
    expect(classifyIntent("why does the build fail?").intent).toBe("question");
    expect(classifyIntent("is the export endpoint paginated?").intent).toBe("question");
  });
});

describe("chooseEngine", () => {
  const available = [
    { engine: "openai-compatible", model: "qwen2.5-coder" },
    { engine: "builtin", model: null },
  ];
  const stats = (llm: [number, number], builtin: [number, number]): EngineStats[] => [
    { engine: "openai-compatible", successes: llm[0], samples: llm[1] },
    { engine: "builtin", successes: builtin[0], samples: builtin[1] },
  ];

  it("uses the first available engine by default", () => {
    const r = chooseEngine({ intent: "fix", available, stats: [] });
    expect(r).toMatchObject({ engine: "openai-compatible", model: "qwen2.5-coder" });
    expect(r.reason).toMatch(/default/);
  });

  it("a hint naming an engine or a model wins over the record", () => {
    const s = stats([9, 10], [1, 10]);
    expect(chooseEngine({ intent: "fix", available, stats: s, hint: "builtin" }).engine).toBe("builtin");
    const byModel = chooseEngine({ intent: "fix", available: [...available].reverse(), stats: s, hint: "QWEN2.5-coder" });
    expect(byModel).toMatchObject({ engine: "openai-compatible", model: "qwen2.5-coder" });
    expect(byModel.reason).toMatch(/model/);
  });

  it("an unknown hint falls through and says so", () => {
    const r = chooseEngine({ intent: "fix", available, stats: [], hint: "gpt-9" });
    expect(r.engine).toBe("openai-compatible");
    expect(r.reason).toMatch(/"gpt-9" names no available engine/);
  });

  it("prefers the better record only once it has enough samples", () => {
    // builtin looks better but has 4 samples: too few to overrule the default.
    expect(chooseEngine({ intent: "fix", available, stats: stats([5, 10], [4, 4]) }).engine).toBe("openai-compatible");
    const r = chooseEngine({ intent: "fix", available, stats: stats([5, 10], [5, 5]) });
    expect(r.engine).toBe("builtin");
    expect(r.reason).toBe("builtin accepted 5 of 5 times for fix requests (openai-compatible 5 of 10).");
    expect(chooseEngine({ intent: "fix", available, stats: stats([5, 10], [4, 4]), minSamples: 3 }).engine).toBe("builtin");
  });

  it("states the winner's record in the reason", () => {
    const r = chooseEngine({ intent: "fix", available, stats: stats([8, 10], [3, 9]) });
    expect(r.reason).toMatch(/^openai-compatible accepted 8 of 10 times for fix requests/);
  });

  it("smooths rates so one lucky sample does not beat a long good record", () => {
    // 5/5 → 6/7 ≈ 0.857; 19/20 → 20/22 ≈ 0.909
    expect(chooseEngine({ intent: "test", available, stats: stats([5, 5], [19, 20]) }).engine).toBe("builtin");
  });

  it("equal records go to the default order", () => {
    expect(chooseEngine({ intent: "docs", available, stats: stats([4, 8], [4, 8]) }).engine).toBe("openai-compatible");
  });

  it("does not starve a new default when only another engine has a record", () => {
    const r = chooseEngine({ intent: "fix", available, stats: [{ engine: "builtin", samples: 30, successes: 29 }] });
    expect(r.engine).toBe("openai-compatible");
  });

  it("ignores stats of engines that are not available", () => {
    const r = chooseEngine({
      intent: "fix",
      available: [{ engine: "builtin", model: null }],
      stats: stats([10, 10], [0, 10]),
    });
    expect(r.engine).toBe("builtin");
  });

  it("refuses an empty list", () => {
    expect(() => chooseEngine({ intent: "fix", available: [], stats: [] })).toThrow(/No agent engine/);
  });
});
