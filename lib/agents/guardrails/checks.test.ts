import { describe, expect, it } from "vitest";
import { type GuardrailResult, guardrailCheckSchema } from "@/lib/agents/catalog/schemas";
import { type TaggedCheck, approvalRequired, blockReason, checkInput, checkOutput, invalidPatterns, worst } from "./checks";

const tagged = (tag: string, raw: unknown): TaggedCheck => ({ tag, check: guardrailCheckSchema.parse(raw) });
const out = (check: TaggedCheck, output: unknown) => checkOutput([check], { input: {}, output, secretValues: [] })[0]!;

describe("json_schema check", () => {
  const schema = { type: "object", required: ["score"], properties: { score: { type: "number" }, a: { type: "string" }, b: { type: "string" }, c: { type: "string" } } };
  const shape = (action?: "flag" | "block") => tagged("shape", { kind: "json_schema", schema, ...(action ? { action } : {}) });

  it("passes an output that matches", () => {
    expect(out(shape(), { score: 3 })).toEqual({ tag: "shape", kind: "json_schema", phase: "output", verdict: "pass", reason: "The output matches the JSON Schema." });
  });

  it("flags a mismatch when the action is flag, naming the error", () => {
    const r = out(shape("flag"), { score: "high" });
    expect(r.verdict).toBe("flag");
    expect(r.reason).toBe("The output does not match the JSON Schema: /score must be number.");
  });

  it("blocks by default, listing at most three errors", () => {
    const r = out(shape(), { score: "x", a: 1, b: 2, c: 3 });
    expect(r.verdict).toBe("block");
    expect(r.reason).toBe("The output does not match the JSON Schema: /score must be number, /a must be string, /b must be string (and 1 more).");
  });

  it("treats a missing output as null", () => {
    expect(out(shape(), undefined).reason).toBe("The output does not match the JSON Schema: the value must be object.");
  });

  it("applies its action when the schema itself cannot be compiled", () => {
    const broken = tagged("shape", { kind: "json_schema", schema: { type: "no-such-type" }, action: "flag" });
    expect(out(broken, {})).toMatchObject({ verdict: "flag", reason: "The check's JSON Schema is not valid, so the output could not be checked." });
  });
});

describe("regex_deny check", () => {
  const deny = (patterns: string[], extra: Record<string, unknown> = {}) => tagged("deny", { kind: "regex_deny", patterns, ...extra });

  it("passes when no pattern matches", () => {
    expect(out(deny(["rm -rf /", "DROP TABLE"]), { sql: "select 1" })).toMatchObject({ verdict: "pass", reason: "No denied pattern matches the output." });
  });

  it("flags a match when the action is flag, case-insensitively, naming the pattern not the text", () => {
    const r = out(deny(["rm -rf /", "drop\\s+table\\s+\\w+"], { action: "flag" }), { sql: "DROP TABLE customers_private" });
    expect(r.verdict).toBe("flag");
    expect(r.reason).toBe("Pattern 2 matched the output.");
    expect(r.reason).not.toMatch(/customers_private/i);
  });

  it("blocks by default, and scans every string of the output", () => {
    const r = out(deny(["\\beval\\("]), { summary: "ok", files: [{ patch: "context\n+  eval(userInput)\n" }] });
    expect(r.verdict).toBe("block");
    // Only the i flag: `^` is the start of the scanned text, not of each line.
    expect(out(deny(["^\\+"]), "context\n+ added").verdict).toBe("pass");
    const both = out(deny(["a", "b"]), "a b");
    expect(both.reason).toBe("Patterns 1 and 2 matched the output.");
  });

  it("blocks on an invalid pattern, and says which", () => {
    const r = out(deny(["fine", "(unclosed"], { action: "flag" }), "fine");
    expect(r.verdict).toBe("flag");
    expect(r.reason).toBe("Pattern 2 is not a valid regular expression, and pattern 1 matched the output.");
    expect(out(deny(["(unclosed"]), "x")).toMatchObject({ verdict: "block", reason: "Pattern 1 is not a valid regular expression." });
  });

  it("runs on both sides by default, or the side it names", () => {
    const subject = { input: { prompt: "please DELETE everything" }, output: "ok", secretValues: [] };
    expect(checkInput([deny(["delete"])], subject)).toEqual([{ tag: "deny", kind: "regex_deny", phase: "input", verdict: "block", reason: "Pattern 1 matched the input." }]);
    expect(checkOutput([deny(["delete"])], subject).map((r) => r.verdict)).toEqual(["pass"]);
    expect(checkInput([deny(["delete"], { on: "output" })], subject)).toEqual([]);
  });

  it("scans at most 200,000 characters of a side", () => {
    expect(out(deny(["needle"]), `${"x".repeat(199_000)}needle`).verdict).toBe("block");
    expect(out(deny(["needle"]), `${"x".repeat(200_000)}needle`).verdict).toBe("pass");
  });
});

describe("invalidPatterns", () => {
  it("returns the patterns that do not compile", () => {
    expect(invalidPatterns(["ok", "[a-", "(?<x>y)", "*"])).toEqual(["[a-", "*"]);
    expect(invalidPatterns([])).toEqual([]);
  });
});

describe("approvalRequired", () => {
  it("is null without a needs_approval check", () => {
    expect(approvalRequired([tagged("no-secrets", { kind: "secrets" })])).toBeNull();
  });

  it("returns the first needs_approval check, with a default reason", () => {
    const checks = [tagged("no-secrets", { kind: "secrets" }), tagged("prod", { kind: "needs_approval" }), tagged("later", { kind: "needs_approval", reason: "Later." })];
    expect(approvalRequired(checks)).toEqual({ tag: "prod", reason: "Policy “prod” asks a person to approve each agent call." });
  });

  it("keeps the check's own reason", () => {
    expect(approvalRequired([tagged("prod", { kind: "needs_approval", reason: " Touches production. " })])).toEqual({ tag: "prod", reason: "Touches production." });
  });

  it("yields no result from the input or output checks", () => {
    const subject = { input: "x", output: "y", secretValues: [] };
    expect(checkInput([tagged("prod", { kind: "needs_approval" })], subject)).toEqual([]);
    expect(checkOutput([tagged("prod", { kind: "needs_approval" })], subject)).toEqual([]);
  });
});

describe("checkOutput", () => {
  it("yields one result per output-side check, in order, passes included", () => {
    const checks = [
      tagged("a", { kind: "secrets", on: "input" }),
      tagged("a", { kind: "path_allowlist", paths: ["src/**"] }),
      tagged("b", { kind: "patch_size" }),
      tagged("b", { kind: "json_schema", schema: { type: "object" } }),
      tagged("c", { kind: "regex_deny", patterns: ["x"] }),
    ];
    const results = checkOutput(checks, { input: {}, output: {}, secretValues: [] });
    expect(results.map((r) => [r.tag, r.kind, r.verdict])).toEqual([
      ["a", "path_allowlist", "pass"],
      ["b", "patch_size", "pass"],
      ["b", "json_schema", "pass"],
      ["c", "regex_deny", "pass"],
    ]);
  });
});

const result = (tag: string, verdict: GuardrailResult["verdict"], reason: string): GuardrailResult => ({ tag, kind: "secrets", phase: "output", verdict, reason });

describe("worst", () => {
  it("is the most severe verdict, pass for none", () => {
    expect(worst([])).toBe("pass");
    expect(worst([result("a", "pass", "."), result("b", "flag", ".")])).toBe("flag");
    expect(worst([result("a", "block", "."), result("b", "flag", "."), result("c", "pass", ".")])).toBe("block");
  });
});

describe("blockReason", () => {
  it("is null when nothing blocked", () => {
    expect(blockReason([result("a", "pass", "Fine."), result("b", "flag", "Odd.")])).toBeNull();
  });

  it("names the blocking guardrail and its reason in one sentence", () => {
    const reason = blockReason([result("shape", "flag", "Odd."), result("no-secrets", "block", "The output contains what looks like an AWS access key.")]);
    expect(reason).toBe("Guardrail “no-secrets” blocked the call: the output contains what looks like an AWS access key.");
  });

  it("joins several blocking results, naming each tag once in a row", () => {
    const reason = blockReason([
      result("no-secrets", "block", "The output contains what looks like a private key."),
      result("no-secrets", "block", "The input contains the value of a stored secret."),
      result("paths", "block", "The patch touches a path outside the allow-list: “x”."),
      result("json", "block", "JSON output is missing."),
    ]);
    expect(reason).toBe(
      "Guardrail “no-secrets” blocked the call: the output contains what looks like a private key; the input contains the value of a stored secret; " +
        "guardrail “paths”: the patch touches a path outside the allow-list: “x”; guardrail “json”: JSON output is missing.",
    );
  });
});
