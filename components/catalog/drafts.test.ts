import { describe, expect, it } from "vitest";
import { agentDraft, agentInputOf } from "./agent-draft";
import { errorsAt, entryLabel, hasUnplaced } from "./field-errors";
import { checkDraft, policyDraft, policyInputOf } from "./policy-draft";

const owner = { visibility: "team" as const, teamId: "t1" };

describe("agent drafts", () => {
  it("round-trips an llm agent's config through the form's text fields", () => {
    const config = {
      kind: "llm" as const,
      instructions: "Review diffs.",
      baseUrl: "",
      model: "m",
      apiKeySecret: "OPENAI_API_KEY",
      temperature: 0.5,
      outputSchema: { type: "object" },
      tools: [{ name: "search", description: "", url: "https://t.example/s", parameters: { type: "object" }, requiresApproval: true }],
      handoffs: [],
      maxTurns: 4,
      pricing: { inputPerMTok: 1, outputPerMTok: 2 },
    };
    const draft = agentDraft({ name: "A", description: "", capabilities: ["code.review", "x"], config }, owner);
    expect(agentInputOf(draft)).toEqual({ ok: true, input: { name: "A", description: "", capabilities: ["code.review", "x"], config } });
  });

  it("keeps invalid JSON and numbers out of the input, under the server's keys, with the line and column", () => {
    const draft = { ...agentDraft(null, owner), tools: '[{"name": "a",}]', outputSchema: "[1]", temperature: "hot" };
    const result = agentInputOf(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors["config.tools"]![0]).toMatch(/^Not valid JSON: .*\(line 1, column \d+\)\.$/);
    expect(result.errors["config.outputSchema"]).toEqual(["Enter a JSON object: { … }."]);
    expect(result.errors["config.temperature"]).toEqual(["Enter a number."]);
  });

  it("sends only the chosen kind's fields", () => {
    const draft = { ...agentDraft(null, owner), kind: "http" as const, url: " https://a.example/run ", timeoutMs: "" };
    const result = agentInputOf(draft);
    expect(result.ok && result.input.config).toEqual({ kind: "http", url: "https://a.example/run", authSecret: "", timeoutMs: undefined, pricing: { inputPerMTok: 0, outputPerMTok: 0 } });
  });
});

describe("field errors", () => {
  it("gathers a list field's errors with the entry they are about", () => {
    const errors = { "config.tools.1.url": ["Bad URL."], "config.tools": ["Duplicate name."], name: ["Give it a name."] };
    expect(errorsAt(errors, "config.tools", entryLabel("Tool"))).toEqual(["Tool 2, url: Bad URL.", "Duplicate name."]);
    expect(hasUnplaced(errors, ["name", "config.tools"])).toBe(false);
    expect(hasUnplaced({ "config.kind": ["x"] }, ["name", "config.tools"])).toBe(true);
  });
});

describe("policy drafts", () => {
  it("round-trips checks, one list entry a line", () => {
    const checks = [
      { kind: "path_allowlist" as const, paths: ["src/**", "test/**"], action: "block" as const },
      { kind: "patch_size" as const, maxLines: 400, maxFiles: 50, action: "flag" as const },
      { kind: "regex_deny" as const, patterns: ["a,b", "c"], on: "both" as const, action: "block" as const },
    ];
    expect(policyInputOf(policyDraft({ tag: "safe", description: "", checks }, owner))).toEqual({ ok: true, input: { tag: "safe", description: "", checks } });
  });

  it("refuses empty lists and schemas before sending", () => {
    const draft = { ...policyDraft(null, owner), checks: [checkDraft("path_allowlist"), checkDraft("json_schema"), checkDraft("regex_deny")] };
    const result = policyInputOf(draft);
    expect(result.ok ? null : Object.keys(result.errors)).toEqual(["checks.0.paths", "checks.1.schema", "checks.2.patterns"]);
  });
});
