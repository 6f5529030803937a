import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { runEvents, taskRuns } from "@/db/schema";
import type { LlmConfig } from "@/lib/agents/catalog/schemas";
import { type OpenAiServer, type Script, startOpenAiServer } from "@/lib/agents/catalog/openai-test-server";
import { type TestServer, startTestServer } from "@/lib/engine/executors/http-test-server";
import { describeEngine, waitForRun, waitForTask } from "@/lib/engine/runtime/testing";
import { decideAgentCall } from "@/lib/runs/agent-decisions";
import { agentTask, callsOf, catalogSetup, startItemRun } from "./testing";

/**
 * The `llm` kind with a tool that needs approval, against a loopback OpenAI-compatible server: the run
 * waits in `waiting_approval` showing the tool and its arguments; approving runs the tool and the same
 * call goes on; denying tells the model. A stored secret never reaches the transcript.
 */

const API_KEY = "sk-known-secret-4f9d2e7a1b3c";
let model: OpenAiServer;
let tools: TestServer;
let script: Script = () => ({ content: "{}" });

beforeAll(async () => {
  vi.stubEnv("TANDEM_HTTP_ALLOW_HOSTS", "127.0.0.1");
  model = await startOpenAiServer((body, i) => script(body, i));
  tools = await startTestServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ rows: [{ id: 7, title: "Faster boards" }], asked: JSON.parse(req.body || "{}") }));
  });
});
afterAll(async () => {
  await model.close();
  await tools.close();
  vi.unstubAllEnvs();
});

const llm = (): LlmConfig => ({
    kind: "llm",
    instructions: "You write release notes.",
    baseUrl: model.baseUrl,
    model: "test-model",
    apiKeySecret: "LLM_API_KEY",
    temperature: 0,
    outputSchema: null,
    tools: [
      { name: "search_changes", description: "Find merged changes.", parameters: { type: "object", properties: { q: { type: "string" } } }, url: `${tools.origin}/search`, requiresApproval: true },
    ],
    handoffs: [],
    maxTurns: 5,
    pricing: { inputPerMTok: 1, outputPerMTok: 2 },
  });

/** A model that asks for the tool first, then answers from what the tool (or the denial) said. */
function toolThenAnswer(): Script {
  return (body) => {
    const last = body.messages.at(-1)!;
    if (last.role !== "tool") return { toolCalls: [{ id: "call_1", name: "search_changes", args: { q: "since 1.3" } }], usage: { prompt_tokens: 100, completion_tokens: 20 } };
    const said = String(last.content);
    return { content: JSON.stringify({ notes: said.includes("Denied") ? `no search: ${said}` : "Faster boards", key: API_KEY }), usage: { prompt_tokens: 200, completion_tokens: 30 } };
  };
}

describeEngine("llm agents with tool approvals", (h) => {
  it("waits for approval of the tool call with its name and arguments; approving runs the tool once and the call finishes", async () => {
    script = toolThenAnswer();
    const s = await catalogSetup(h.db(), { config: llm(), tasks: [agentTask("notes", "writer")], secrets: { LLM_API_KEY: API_KEY } });
    const before = tools.seen.length;
    const run = await startItemRun(h.db(), s);
    await waitForRun(h.db(), run.id, ["waiting_approval"]);
    const waiting = await waitForTask(h.db(), run.id, "notes", ["waiting"]);
    expect(waiting.waitingFor).toBe("agent");
    const [call] = await callsOf(h.db(), run.id);
    expect(call).toMatchObject({ status: "waiting", gate: { kind: "tool", tool: { id: "call_1", name: "search_changes", args: { q: "since 1.3" } } } });
    expect(tools.seen.length).toBe(before);

    await expect(decideAgentCall(h.db(), s.ben, { runId: run.id, approve: false })).rejects.toThrow("a comment is required");
    expect(await decideAgentCall(h.db(), s.ben, { runId: run.id, approve: true, comment: "read-only search" })).toEqual({ taskKey: "notes", gate: "tool", approved: true });
    await expect(decideAgentCall(h.db(), s.ann, { runId: run.id, approve: true })).rejects.toThrow();

    const done = await waitForRun(h.db(), run.id);
    expect(done.status).toBe("completed");
    expect((done.output as { notes: string }).notes).toBe("Faster boards");
    expect(tools.seen.length - before).toBe(1);
    expect(JSON.parse(tools.seen.at(-1)!.body)).toEqual({ q: "since 1.3" });
    expect(model.headers.at(-1)!.authorization).toBe(`Bearer ${API_KEY}`);

    const calls = await callsOf(h.db(), run.id);
    expect(calls).toHaveLength(1);
    const c = calls[0]!;
    expect(c).toMatchObject({ status: "ok", inputTokens: 300, outputTokens: 50, costMicros: 400, state: null });
    expect(c.gate?.decision).toMatchObject({ approve: true, by: "Ben", comment: "read-only search" });
    expect(c.transcript!.map((e) => e.type)).toEqual(["system", "user", "tool_call", "decision", "tool_result", "assistant"]);
    // The model put the key in its answer: the task output has it (that is the output), the transcript does not.
    expect(JSON.stringify(c.transcript)).not.toContain(API_KEY);
    expect(JSON.stringify(c.transcript)).toContain("••••");
    const [task] = await h.db().select().from(taskRuns).where(eq(taskRuns.runId, run.id));
    expect(task!.attempt).toBe(1);
    const types = (await h.db().select().from(runEvents).where(eq(runEvents.runId, run.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["task.waiting", "agent.approved", "run.status", "run.completed"]));
  });

  it("denying tells the model why, the tool never runs, and the call continues to an answer", async () => {
    script = toolThenAnswer();
    const s = await catalogSetup(h.db(), { config: llm(), tasks: [agentTask("notes", "writer")], secrets: { LLM_API_KEY: API_KEY } });
    const run = await startItemRun(h.db(), s);
    await waitForRun(h.db(), run.id, ["waiting_approval"]);
    const before = tools.seen.length;
    await decideAgentCall(h.db(), s.ann, { runId: run.id, approve: false, comment: "no network today" });
    const done = await waitForRun(h.db(), run.id);
    expect(done.status).toBe("completed");
    expect((done.output as { notes: string }).notes).toBe("no search: Denied by Ann: no network today");
    expect(tools.seen.length).toBe(before);
  });

  it("only people with WRITE on the workflow decide; others get 404 alike", async () => {
    script = toolThenAnswer();
    const s = await catalogSetup(h.db(), { config: llm(), tasks: [agentTask("notes", "writer")], secrets: { LLM_API_KEY: API_KEY } });
    const other = await catalogSetup(h.db(), { config: llm(), tasks: [agentTask("x", "writer")], secrets: { LLM_API_KEY: API_KEY } });
    const run = await startItemRun(h.db(), s);
    await waitForRun(h.db(), run.id, ["waiting_approval"]);
    await expect(decideAgentCall(h.db(), other.ann, { runId: run.id, approve: true })).rejects.toThrow("not found");
  });
});
