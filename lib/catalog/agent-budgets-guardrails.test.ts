import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { taskRuns } from "@/db/schema";
import { type OpenAiServer, type Script, startOpenAiServer } from "@/lib/agents/catalog/openai-test-server";
import type { LlmConfig } from "@/lib/agents/catalog/schemas";
import { describeEngine, waitForRun, waitForTask } from "@/lib/engine/runtime/testing";
import { decideAgentCall } from "@/lib/runs/agent-decisions";
import { savePolicy } from "./policies";
import { agentTask, callsOf, catalogSetup, startItemRun } from "./testing";

/**
 * Budgets and guardrails around agent calls: a budget overrun pauses the run for approval instead of
 * failing it; an approval guardrail holds the call before it runs; a blocking guardrail fails the task with
 * its reason; a flag lets the output through, marked.
 */

const KEY = "sk-budget-secret-91c0ffee22";
let model: OpenAiServer;
let script: Script = () => ({ content: "{}" });

beforeAll(async () => {
  vi.stubEnv("TANDEM_HTTP_ALLOW_HOSTS", "127.0.0.1");
  model = await startOpenAiServer((body, i) => script(body, i));
});
afterAll(async () => {
  await model.close();
  vi.unstubAllEnvs();
});

const llm = (): LlmConfig => ({
  kind: "llm",
  instructions: "",
  baseUrl: model.baseUrl,
  model: "m",
  apiKeySecret: "LLM_API_KEY",
  temperature: 0,
  outputSchema: null,
  tools: [],
  handoffs: [],
  maxTurns: 5,
  pricing: { inputPerMTok: 10, outputPerMTok: 10 },
});

const answer = (content: unknown, tokens = 60): Script => () => ({ content: JSON.stringify(content), usage: { prompt_tokens: tokens / 2, completion_tokens: tokens / 2 } });

describeEngine("agent budgets and guardrails", (h) => {
  it("a task's budget overrun pauses the run for approval; approving lets the call go on, and the spend adds up", async () => {
    let calls = 0;
    // Each call costs 60 tokens and answers; the loop wants a `round` field, which only the third call gives.
    script = () => ({ content: JSON.stringify(++calls >= 3 ? { round: calls } : { text: `draft ${calls}` }), usage: { prompt_tokens: 30, completion_tokens: 30 } });
    const s = await catalogSetup(h.db(), {
      config: llm(),
      tasks: [agentTask("draft", "writer", { budget: { maxCostUsd: null, maxTokens: 100 }, loop: { until: { left: "{{output.round}}", op: "exists" }, maxIterations: 3 } })],
      secrets: { LLM_API_KEY: KEY },
    });
    const run = await startItemRun(h.db(), s);
    // The second call goes past 100 tokens (120): it stops there, its answer kept, and the run waits.
    await waitForRun(h.db(), run.id, ["waiting_approval"]);
    const [, second] = await callsOf(h.db(), run.id);
    expect(second).toMatchObject({ status: "waiting", gate: { kind: "budget", budget: { scope: "task", spentTokens: 120, limitTokens: 100 } } });
    expect(second!.gate!.reason).toContain("120 of 100 tokens");
    await decideAgentCall(h.db(), s.ben, { runId: run.id, approve: true, comment: "worth it" });
    const done = await waitForRun(h.db(), run.id);
    // Approved once, the budget no longer holds the task: the third call runs without asking again.
    expect([done.status, done.output]).toEqual(["completed", { round: 3 }]);
    const rows = await callsOf(h.db(), run.id);
    expect(rows.map((c) => c.status)).toEqual(["ok", "ok", "ok"]);
    expect(rows.reduce((n, c) => n + c.costMicros, 0)).toBe(3 * 600);
    expect(calls).toBe(3);
  });

  it("a stage budget already used up holds the next agent task before it calls; denying fails the task with the reason", async () => {
    script = answer({ text: "ok" }, 60);
    const s = await catalogSetup(h.db(), {
      config: llm(),
      tasks: [agentTask("first", "writer"), agentTask("second", "writer")],
      stageBudget: { maxCostUsd: 0.0006, maxTokens: null },
      secrets: { LLM_API_KEY: KEY },
    });
    const run = await startItemRun(h.db(), s);
    await waitForTask(h.db(), run.id, "second", ["waiting"]);
    const before = model.requests.length;
    const calls = await callsOf(h.db(), run.id);
    expect(calls.map((c) => c.status)).toEqual(["ok", "waiting"]);
    expect(calls[1]!.gate!.reason).toMatch(/stage's agent budget is used up \(\$0\.0006 of \$0\.0006\)/);
    await decideAgentCall(h.db(), s.ann, { runId: run.id, taskKey: "second", approve: false, comment: "too expensive" });
    const done = await waitForRun(h.db(), run.id);
    expect(done.status).toBe("failed");
    expect(done.error).toContain("Denied by Ann: too expensive");
    expect(model.requests.length).toBe(before);
  });

  it("the needs-approval tag holds each call before it runs", async () => {
    script = answer({ text: "approved work" });
    const s = await catalogSetup(h.db(), { config: llm(), tasks: [agentTask("draft", "writer", { policyTags: ["needs-approval"] })], secrets: { LLM_API_KEY: KEY } });
    const before = model.requests.length;
    const run = await startItemRun(h.db(), s);
    await waitForRun(h.db(), run.id, ["waiting_approval"]);
    expect(model.requests.length).toBe(before);
    expect((await callsOf(h.db(), run.id))[0]!.gate).toMatchObject({ kind: "guardrail" });
    await decideAgentCall(h.db(), s.ben, { runId: run.id, approve: true });
    expect((await waitForRun(h.db(), run.id)).output).toEqual({ text: "approved work" });
    const [call] = await callsOf(h.db(), run.id);
    expect(call!.transcript!.map((e) => e.type)).toEqual(["decision", "system", "user", "assistant"]);
  });

  it("the secrets tag blocks output holding a stored secret: the task fails with the guardrail's reason, no retry, nothing leaked", async () => {
    script = answer({ text: `the key is ${KEY}` });
    const s = await catalogSetup(h.db(), {
      config: llm(),
      tasks: [agentTask("draft", "writer", { retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 0 } })],
      stagePolicyTags: ["secrets"],
      secrets: { LLM_API_KEY: KEY },
    });
    const run = await startItemRun(h.db(), s);
    const done = await waitForRun(h.db(), run.id);
    expect(done.status).toBe("failed");
    const [task] = await h.db().select().from(taskRuns).where(eq(taskRuns.runId, run.id));
    expect(task!.attempt).toBe(1);
    expect(task!.error).toMatch(/^Guardrail “secrets” blocked the call: the output contains .*the value of a stored secret\.$/);
    expect(task!.output).toBeNull();
    const calls = await callsOf(h.db(), run.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.status).toBe("blocked");
    expect(calls[0]!.guardrails).toEqual([expect.objectContaining({ tag: "secrets", kind: "secrets", phase: "output", verdict: "block" })]);
    expect(JSON.stringify(calls)).not.toContain(KEY);
  });

  it("a call blocked for a credential in its output does not store the credential in its transcript", async () => {
    script = answer({ text: "deploy with AKIAABCDEFGHIJKLMNOP" });
    const s = await catalogSetup(h.db(), { config: llm(), tasks: [agentTask("draft", "writer")], stagePolicyTags: ["secrets"], secrets: { LLM_API_KEY: KEY } });
    const run = await startItemRun(h.db(), s);
    expect((await waitForRun(h.db(), run.id)).error).toContain("what looks like an AWS access key");
    const calls = await callsOf(h.db(), run.id);
    expect(calls[0]!.status).toBe("blocked");
    expect(JSON.stringify(calls)).not.toContain("AKIAABCDEFGHIJKLMNOP");
    expect(JSON.stringify(calls[0]!.transcript)).toContain("deploy with ••••");
  });

  it("a team's flagging policy lets the output through and stores the flag; an unknown tag is noted", async () => {
    script = answer({ text: "please rm -rf the cache" });
    const s = await catalogSetup(h.db(), { config: llm(), tasks: [agentTask("draft", "writer", { policyTags: ["careful", "nobody-defined-this"] })], secrets: { LLM_API_KEY: KEY } });
    await savePolicy(h.db(), s.ann, { tag: "careful", checks: [{ kind: "regex_deny", patterns: ["rm\\s+-rf"], on: "output", action: "flag" }], visibility: "team", teamId: s.team.id });
    const run = await startItemRun(h.db(), s);
    const done = await waitForRun(h.db(), run.id);
    expect(done.status).toBe("completed");
    const [call] = await callsOf(h.db(), run.id);
    expect(call!.guardrails).toEqual([expect.objectContaining({ tag: "careful", verdict: "flag" })]);
    expect(call!.transcript![0]).toEqual({ type: "note", text: "Policy tag “nobody-defined-this” names no guardrail policy; nothing was checked for it." });
  });
});
