import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planSchema, type ContextBundle } from "../types";
import { openAiCompatibleEngine, renderBundle } from "./openai-compatible";

/**
 * A loopback server speaking OpenAI's chat-completions protocol. Each test sets how it answers; every
 * request is kept so the test can check what the SDK sent.
 */
type Seen = { url: string; headers: IncomingMessage["headers"]; body: Record<string, any> };
let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let answer: (req: Seen, res: ServerResponse) => void;

const completion = (content: string, usage = { prompt_tokens: 321, completion_tokens: 123 }) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "qwen2.5-coder",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const s: Seen = { url: req.url ?? "", headers: req.headers, body: raw ? JSON.parse(raw) : {} };
      seen.push(s);
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return json(res, 404, { error: { message: "not found" } });
      answer(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
});

const bundle: ContextBundle = {
  repoRoot: "/repo",
  focus: "lib/billing",
  head: "abc1234",
  branch: "main",
  tree: [
    { path: "lib/billing/invoice.ts", size: 120 },
    { path: "lib/billing/invoice.test.ts", size: 80 },
  ],
  treeTotal: 40,
  treeTruncated: true,
  diff: {
    base: "main",
    text: "diff --git a/lib/billing/invoice.ts b/lib/billing/invoice.ts\n@@ -1 +1 @@\n-export const TAX = 0.2;\n+export const TAX = 0.21;\n",
    files: [{ path: "lib/billing/invoice.ts", status: "modified", additions: 1, deletions: 1 }],
    truncated: false,
  },
  files: [{ path: "lib/billing/invoice.ts", content: "export const TAX = 0.21;\n", truncated: false, tokens: 7, reason: "changed" }],
  messages: [{ role: "user", verb: "ask", content: "Round totals to cents", at: "2025-01-01T00:00:00Z" }],
  budget: { tokens: 8000, used: 300 },
};

const goodPlan = {
  summary: "Round invoice totals to cents.",
  steps: [{ title: "Round in invoice.ts", description: "Use Math.round(x * 100) / 100.", risk: "low", estimate_minutes: 15, files: ["lib/billing/invoice.ts"] }],
  risks: ["no tests check rounding"],
  patch: "",
};

const engine = (over: Partial<Parameters<typeof openAiCompatibleEngine>[0]> = {}) =>
  openAiCompatibleEngine({ baseUrl, model: "qwen2.5-coder", apiKey: "sk-test-secret", ...over });

describe("renderBundle", () => {
  it("renders focus, tree, diff, files and messages", () => {
    const text = renderBundle(bundle);
    expect(text).toContain("Focus: lib/billing");
    expect(text).toContain("Branch: main at abc1234");
    expect(text).toContain("## Files (2 of 40 paths)\nlib/billing/invoice.ts\nlib/billing/invoice.test.ts");
    expect(text).toContain("## Uncommitted changes against main\n- lib/billing/invoice.ts (modified, +1 -1)\n```diff\ndiff --git");
    expect(text).toContain("## lib/billing/invoice.ts (changed)\n```\nexport const TAX = 0.21;\n");
    expect(text).toContain("## Conversation so far\nuser (ask): Round totals to cents");
  });

  it("says when there is no diff and keeps file fences closed", () => {
    const text = renderBundle({ ...bundle, diff: null, files: [{ ...bundle.files[0]!, content: "```js\nx\n```", truncated: true }] });
    expect(text).toContain("## Uncommitted changes\n(none)");
    expect(text).toContain("(changed, only the start)");
    // The content is shown as is, inside a fence longer than its own backtick runs.
    expect(text).toContain("````\n```js\nx\n```\n````");
  });
});

describe("openAiCompatibleEngine against a loopback server", () => {
  it("returns the model's plan with usage, and sends the key, the model, the schema and the bundle", async () => {
    answer = (_req, res) => json(res, 200, completion(JSON.stringify(goodPlan)));
    const r = await engine().plan({ goal: "round totals to cents", intent: "fix", bundle });

    expect(r).toMatchObject({ engine: "openai-compatible", model: "qwen2.5-coder", patch: null, usage: { inputTokens: 321, outputTokens: 123 } });
    expect(planSchema.parse(r.plan)).toEqual(r.plan);
    expect(r.plan.steps[0]!.title).toBe("Round in invoice.ts");
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.notes).toEqual(["openai-compatible (qwen2.5-coder) proposed no patch: the plan is for a person to carry out."]);

    expect(seen).toHaveLength(1);
    const { headers, body } = seen[0]!;
    expect(headers.authorization).toBe("Bearer sk-test-secret");
    expect(body.model).toBe("qwen2.5-coder");
    // What the SDK sends for Output.object with structured outputs on: the zod schema as json_schema.
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "plan", strict: false } });
    expect(body.response_format.json_schema.schema.properties).toHaveProperty("steps");
    expect(body.tools).toBeUndefined();
    const [system, user] = body.messages;
    expect(system).toMatchObject({ role: "system" });
    expect(system.content).toContain("The request is a bug fix");
    expect(user.role).toBe("user");
    expect(JSON.stringify(user.content)).toContain("export const TAX = 0.21;");
    expect(JSON.stringify(user.content)).toContain("# Request\\nround totals to cents");
  });

  it("uses the requested model and keeps a patch", async () => {
    const patch = "diff --git a/lib/billing/invoice.ts b/lib/billing/invoice.ts\n--- a/lib/billing/invoice.ts\n+++ b/lib/billing/invoice.ts\n@@ -1 +1 @@\n-export const TAX = 0.21;\n+export const TAX = 0.2;";
    answer = (_req, res) => json(res, 200, completion(JSON.stringify({ ...goodPlan, patch })));
    const r = await engine().plan({ goal: "revert the tax", intent: "fix", bundle, model: "llama3.1" });
    expect(seen[0]!.body.model).toBe("llama3.1");
    expect(r.model).toBe("llama3.1");
    expect(r.patch).toBe(`${patch}\n`);
    expect(r.notes).toEqual([]);
  });

  it("asks only for JSON when structured outputs are off, and forgives a code fence", async () => {
    answer = (_req, res) => json(res, 200, completion(`\`\`\`json\n${JSON.stringify(goodPlan)}\n\`\`\``));
    const r = await engine({ structuredOutputs: false }).plan({ goal: "x", intent: "feature", bundle });
    expect(seen[0]!.body.response_format).toEqual({ type: "json_object" });
    expect(seen[0]!.body.messages[0].content).toContain('"steps"'); // the schema is in the prompt
    expect(r.plan.summary).toBe(goodPlan.summary);
  });

  it("an answer that is not a valid plan is a clear error", async () => {
    answer = (_req, res) => json(res, 200, completion(JSON.stringify({ summary: "x", steps: [{ title: "t", risk: "severe", estimate_minutes: 1.5 }] })));
    await expect(engine().plan({ goal: "x", intent: "fix", bundle })).rejects.toThrow(
      "The model's answer was not a valid plan: steps.0.risk: Risk is one of low, medium or high.; steps.0.estimate_minutes: Estimates are whole minutes.",
    );
  });

  it("an answer that is not JSON is a clear error", async () => {
    answer = (_req, res) => json(res, 200, completion("I think you should round the totals."));
    await expect(engine().plan({ goal: "x", intent: "fix", bundle })).rejects.toThrow(/^The model's answer was not JSON: "I think/);
  });

  it("drops a patch that is not a unified diff", async () => {
    answer = (_req, res) => json(res, 200, completion(JSON.stringify({ ...goodPlan, patch: "change TAX to 0.2" })));
    const r = await engine().plan({ goal: "x", intent: "fix", bundle });
    expect(r.patch).toBeNull();
    expect(r.notes[0]).toBe("The model's patch was not a unified diff; it was left out.");
  });

  it("a 500 is a clear error without the key", async () => {
    answer = (_req, res) => json(res, 500, { error: { message: "model crashed (key sk-test-secret)", type: "server_error" } });
    const error = await engine()
      .plan({ goal: "x", intent: "fix", bundle })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`^The model at ${baseUrl.replace(/[.]/g, "\\.")} answered 500: model crashed`));
    expect((error as Error).message).not.toContain("sk-test-secret");
    expect(seen).toHaveLength(1); // no retries
  });

  it("an unreachable server is a clear error", async () => {
    const e = openAiCompatibleEngine({ baseUrl: "http://127.0.0.1:9/v1", model: "m" });
    await expect(e.plan({ goal: "x", intent: "fix", bundle })).rejects.toThrow(/^The model at http:\/\/127\.0\.0\.1:9\/v1 could not be reached/);
  });

  it("a slow server hits the timeout", async () => {
    answer = (_req, res) => setTimeout(() => json(res, 200, completion(JSON.stringify(goodPlan))), 3000).unref();
    const startedAt = Date.now();
    await expect(engine({ timeoutMs: 200 }).plan({ goal: "x", intent: "fix", bundle })).rejects.toThrow(
      `The model at ${baseUrl} did not answer within 200 ms (TANDEM_LLM_TIMEOUT_MS).`,
    );
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });

  it("the caller's signal cancels the call", async () => {
    answer = (_req, res) => setTimeout(() => json(res, 200, completion(JSON.stringify(goodPlan))), 3000).unref();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(engine().plan({ goal: "x", intent: "fix", bundle, signal: controller.signal })).rejects.toThrow();
  });
});
