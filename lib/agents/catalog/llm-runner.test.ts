import { afterEach, describe, expect, it, vi } from "vitest";
import { runLlmAgent, type LlmRunArgs, type LlmState, type LlmTool } from "./llm-runner";
import { startOpenAiServer, type OpenAiServer, type Script } from "./openai-test-server";

const KEY = "sk-tandem-test-7f3a9c1e";
const servers: OpenAiServer[] = [];

async function serve(script: Script) {
  const server = await startOpenAiServer(script);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const lookup: LlmTool = { name: "lookup", description: "Finds an order.", parameters: { type: "object", properties: { q: { type: "string" } } }, requiresApproval: false };
const deploy: LlmTool = { name: "deploy", description: "Deploys a build.", parameters: { type: "object", properties: { env: { type: "string" } } }, requiresApproval: true };

function baseArgs(server: OpenAiServer, over: Partial<LlmRunArgs> = {}): LlmRunArgs {
  return {
    baseUrl: server.baseUrl,
    model: "test-model",
    apiKey: KEY,
    instructions: "You are a careful reviewer.",
    temperature: 0.3,
    outputSchema: null,
    prompt: "Review order 42.",
    tools: [lookup, deploy],
    maxTurns: 5,
    timeoutMs: 5_000,
    executeTool: vi.fn(async (name: string) => ({ ran: name })),
    ...over,
  };
}

/** How the state travels between a pause and its decision: through a JSON column. */
const stored = (state: LlmState): LlmState => JSON.parse(JSON.stringify(state));

/** The `role: "tool"` messages of a request, as the server received them. */
const toolMessages = (server: OpenAiServer, request: number) => server.requests[request]!.messages.filter((m) => m.role === "tool");

describe("runLlmAgent: final answers", () => {
  it("returns a plain answer with its usage, and sends key, model, temperature, system and user", async () => {
    const server = await serve(() => ({ content: "Looks fine.", usage: { prompt_tokens: 12, completion_tokens: 5 } }));
    const r = await runLlmAgent(baseArgs(server, { tools: [] }));

    expect(r).toMatchObject({ status: "done", output: { text: "Looks fine." } });
    expect(r.state).toMatchObject({ usage: { inputTokens: 12, outputTokens: 5 }, turns: 1, pending: null });
    expect(r.state.transcript).toEqual([
      { type: "system", text: "You are a careful reviewer." },
      { type: "user", text: "Review order 42." },
      { type: "assistant", text: "Looks fine." },
    ]);
    expect(server.headers[0]!.authorization).toBe(`Bearer ${KEY}`);
    const body = server.requests[0]!;
    expect(body).toMatchObject({ model: "test-model", temperature: 0.3 });
    expect(body.tools).toBeUndefined();
    expect(body.messages).toEqual([
      { role: "system", content: "You are a careful reviewer." },
      { role: "user", content: "Review order 42." },
    ]);
  });

  it("counts 0 tokens when the server sends no usage, and takes a JSON object answer as the output", async () => {
    const server = await serve(() => ({ content: '{"verdict":"ok"}' }));
    const r = await runLlmAgent(baseArgs(server));
    expect(r).toMatchObject({ status: "done", output: { verdict: "ok" }, state: { usage: { inputTokens: 0, outputTokens: 0 } } });
  });

  it("with an output schema, puts the schema in the system prompt and parses the answer, fenced or not", async () => {
    const outputSchema = { type: "object", properties: { verdict: { enum: ["ok", "bad"] } }, required: ["verdict"] };
    const answers = ['{"verdict":"ok"}', '```json\n{"verdict":"bad"}\n```'];
    const server = await serve((_body, i) => ({ content: answers[i] }));

    const plain = await runLlmAgent(baseArgs(server, { outputSchema }));
    expect(plain).toMatchObject({ status: "done", output: { verdict: "ok" } });
    const fenced = await runLlmAgent(baseArgs(server, { outputSchema }));
    expect(fenced).toMatchObject({ status: "done", output: { verdict: "bad" } });

    const system = server.requests[0]!.messages[0]!;
    expect(system.role).toBe("system");
    expect(system.content).toContain("You are a careful reviewer.");
    expect(system.content).toContain("Answer with one JSON object");
    expect(system.content).toContain(JSON.stringify(outputSchema));
  });

  it("with an output schema, an answer that is not JSON is a clear error", async () => {
    const server = await serve(() => ({ content: "Sure! The verdict is ok." }));
    await expect(runLlmAgent(baseArgs(server, { outputSchema: { type: "object" } }))).rejects.toThrow(
      `The model's answer was not JSON: "Sure! The verdict is ok."`,
    );
  });
});

describe("runLlmAgent: tools", () => {
  it("runs a tool that needs no approval and shows its result to the model in the next request", async () => {
    const server = await serve((_body, i) =>
      i === 0
        ? { toolCalls: [{ id: "c1", name: "lookup", args: { q: "42" } }], usage: { prompt_tokens: 10, completion_tokens: 2 } }
        : { content: "Order 42 shipped.", usage: { prompt_tokens: 20, completion_tokens: 4 } },
    );
    const controller = new AbortController();
    const executeTool = vi.fn(async (_name: string, _args: unknown, _signal: AbortSignal) => ({ status: "shipped" }));
    const r = await runLlmAgent(baseArgs(server, { executeTool, signal: controller.signal }));

    expect(r).toMatchObject({ status: "done", output: { text: "Order 42 shipped." }, state: { turns: 2, usage: { inputTokens: 30, outputTokens: 6 } } });
    expect(executeTool).toHaveBeenCalledTimes(1);
    expect(executeTool.mock.calls[0]!.slice(0, 2)).toEqual(["lookup", { q: "42" }]);
    // The tool's signal follows the call's.
    const toolSignal = executeTool.mock.calls[0]![2];
    expect(toolSignal.aborted).toBe(false);
    controller.abort();
    expect(toolSignal.aborted).toBe(true);

    expect(server.requests[0]!.tools).toEqual([
      { type: "function", function: { name: "lookup", description: "Finds an order.", parameters: lookup.parameters } },
      { type: "function", function: { name: "deploy", description: "Deploys a build.", parameters: deploy.parameters } },
    ]);
    const second = server.requests[1]!.messages;
    expect(second.find((m) => m.role === "assistant")!.tool_calls).toEqual([{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":"42"}' } }]);
    expect(toolMessages(server, 1)).toEqual([{ role: "tool", tool_call_id: "c1", content: '{"status":"shipped"}' }]);
    expect(r.state.transcript.slice(2)).toEqual([
      { type: "tool_call", id: "c1", tool: "lookup", args: { q: "42" }, requiresApproval: false },
      { type: "tool_result", id: "c1", tool: "lookup", result: { status: "shipped" } },
      { type: "assistant", text: "Order 42 shipped." },
    ]);
  });

  it("feeds errors back to the model: a failing tool, an unknown tool, arguments that are not JSON", async () => {
    const server = await serve((_body, i) =>
      i === 0
        ? {
            toolCalls: [
              { id: "c1", name: "lookup", args: { q: "42" } },
              { id: "c2", name: "rm_rf", args: {} },
              { id: "c3", name: "lookup", args: '{"q": ' },
            ],
          }
        : { content: "I could not look it up." },
    );
    const executeTool = vi.fn(async () => {
      throw new Error("orders service is down");
    });
    const r = await runLlmAgent(baseArgs(server, { executeTool }));

    expect(r.status).toBe("done");
    expect(executeTool).toHaveBeenCalledTimes(1);
    expect(toolMessages(server, 1)).toEqual([
      { role: "tool", tool_call_id: "c1", content: "orders service is down" },
      { role: "tool", tool_call_id: "c2", content: "No tool named rm_rf." },
      { role: "tool", tool_call_id: "c3", content: 'The arguments for lookup were not a JSON object: "{\\"q\\": "' },
    ]);
    expect(r.state.transcript.filter((e) => e.type === "tool_result").map((e) => "error" in e && e.error)).toEqual([
      "orders service is down",
      "No tool named rm_rf.",
      'The arguments for lookup were not a JSON object: "{\\"q\\": "',
    ]);
  });

  it("a round whose only call is to an unknown tool costs one request, then the model answers", async () => {
    // The SDK answers unparsable calls itself; it must not take a second step inside one round.
    const server = await serve((_body, i) => (i === 0 ? { toolCalls: [{ id: "x1", name: "rm_rf", args: {} }] } : { content: "Sorry." }));
    const r = await runLlmAgent(baseArgs(server));
    expect(r).toMatchObject({ status: "done", output: { text: "Sorry." }, state: { turns: 2 } });
    expect(server.requests).toHaveLength(2);
    expect(toolMessages(server, 1)).toEqual([{ role: "tool", tool_call_id: "x1", content: "No tool named rm_rf." }]);
  });

  it("pauses on a tool that needs approval, then runs it once approved (state through JSON)", async () => {
    const server = await serve((_body, i) =>
      i === 0 ? { toolCalls: [{ id: "d1", name: "deploy", args: { env: "prod" } }] } : { content: "Deployed." },
    );
    const executeTool = vi.fn(async () => ({ ok: true }));
    const first = await runLlmAgent(baseArgs(server, { executeTool }));

    expect(first).toMatchObject({ status: "paused", reason: "tool", toolCall: { id: "d1", name: "deploy", args: { env: "prod" } } });
    expect(first.state.pending).toEqual({ id: "d1", name: "deploy", args: { env: "prod" } });
    expect(executeTool).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(1);

    const decision = { toolCallId: "d1", approve: true, by: "Ana", comment: "go" };
    const second = await runLlmAgent(baseArgs(server, { executeTool, state: stored(first.state), decision }));
    expect(second).toMatchObject({ status: "done", output: { text: "Deployed." }, state: { pending: null, turns: 2 } });
    expect(executeTool).toHaveBeenCalledTimes(1);
    expect(executeTool.mock.calls[0]!.slice(0, 2)).toEqual(["deploy", { env: "prod" }]);
    expect(toolMessages(server, 1)).toEqual([{ role: "tool", tool_call_id: "d1", content: '{"ok":true}' }]);
    expect(second.state.transcript.slice(2)).toEqual([
      { type: "tool_call", id: "d1", tool: "deploy", args: { env: "prod" }, requiresApproval: true },
      { type: "decision", gate: "tool", approve: true, by: "Ana", comment: "go" },
      { type: "tool_result", id: "d1", tool: "deploy", result: { ok: true } },
      { type: "assistant", text: "Deployed." },
    ]);
  });

  it("a denied tool is not run; the model reads who denied it and why", async () => {
    const server = await serve((_body, i) =>
      i === 0 ? { toolCalls: [{ id: "d1", name: "deploy", args: { env: "prod" } }] } : { content: "Understood, not deploying." },
    );
    const executeTool = vi.fn(async () => ({ ok: true }));
    const first = await runLlmAgent(baseArgs(server, { executeTool }));
    const decision = { toolCallId: "d1", approve: false, by: "Ana", comment: "freeze until Monday" };
    const second = await runLlmAgent(baseArgs(server, { executeTool, state: stored(first.state), decision }));

    expect(second).toMatchObject({ status: "done", output: { text: "Understood, not deploying." } });
    expect(executeTool).not.toHaveBeenCalled();
    expect(toolMessages(server, 1)).toEqual([{ role: "tool", tool_call_id: "d1", content: "Denied by Ana: freeze until Monday" }]);
    expect(second.state.transcript).toContainEqual({ type: "decision", gate: "tool", approve: false, by: "Ana", comment: "freeze until Monday" });
  });

  it("runs a round's calls in order: those before the approval before pausing, the rest after, each once", async () => {
    const server = await serve((_body, i) =>
      i === 0
        ? {
            toolCalls: [
              { id: "a", name: "lookup", args: { q: "before" } },
              { id: "b", name: "deploy", args: { env: "prod" } },
              { id: "c", name: "lookup", args: { q: "after" } },
            ],
          }
        : { content: "All done." },
    );
    const executeTool = vi.fn(async (name: string, args: unknown) => ({ name, args }));
    const first = await runLlmAgent(baseArgs(server, { executeTool }));

    expect(first).toMatchObject({ status: "paused", reason: "tool", toolCall: { id: "b" } });
    expect(executeTool.mock.calls.map((c) => c[1])).toEqual([{ q: "before" }]);

    const second = await runLlmAgent(baseArgs(server, { executeTool, state: stored(first.state), decision: { toolCallId: "b", approve: true, by: "Ana", comment: "" } }));
    expect(second.status).toBe("done");
    expect(executeTool.mock.calls.map((c) => c[1])).toEqual([{ q: "before" }, { env: "prod" }, { q: "after" }]);
    expect(server.requests).toHaveLength(2);
    expect(toolMessages(server, 1).map((m) => m.tool_call_id)).toEqual(["a", "b", "c"]);
  });

  it("refuses a decision for another tool call, and a resume without the decision it waits for", async () => {
    const server = await serve(() => ({ toolCalls: [{ id: "d1", name: "deploy", args: {} }] }));
    const first = await runLlmAgent(baseArgs(server));
    const state = stored(first.state);

    await expect(runLlmAgent(baseArgs(server, { state, decision: { toolCallId: "zz", approve: true, by: "Ana", comment: "" } }))).rejects.toThrow(
      "The decision is for tool call zz, but the call waits on d1 (deploy).",
    );
    await expect(runLlmAgent(baseArgs(server, { state }))).rejects.toThrow("waits for a decision on tool call d1");
    expect(server.requests).toHaveLength(1);
  });
});

describe("runLlmAgent: limits and failures", () => {
  it("pauses when a budget is passed and, resumed, handles the round's tool calls before asking again", async () => {
    const server = await serve((_body, i) =>
      i === 0
        ? { toolCalls: [{ id: "c1", name: "lookup", args: { q: "42" } }], usage: { prompt_tokens: 100, completion_tokens: 10 } }
        : { content: "Done.", usage: { prompt_tokens: 150, completion_tokens: 5 } },
    );
    const executeTool = vi.fn(async () => "found");
    const overBudget = vi.fn((usage: { inputTokens: number }) => usage.inputTokens >= 100);
    const first = await runLlmAgent(baseArgs(server, { executeTool, overBudget }));

    expect(first).toMatchObject({ status: "paused", reason: "budget", state: { usage: { inputTokens: 100, outputTokens: 10 }, pending: null } });
    expect(overBudget).toHaveBeenCalledWith({ inputTokens: 100, outputTokens: 10 });
    expect(executeTool).not.toHaveBeenCalled();

    const saved = stored(first.state);
    const second = await runLlmAgent(baseArgs(server, { executeTool, state: saved }));
    expect(saved).toEqual(stored(first.state)); // the caller's copy is left as stored
    expect(second).toMatchObject({ status: "done", output: { text: "Done." }, state: { turns: 2, usage: { inputTokens: 250, outputTokens: 15 } } });
    expect(executeTool).toHaveBeenCalledTimes(1);
    expect(toolMessages(server, 1)).toEqual([{ role: "tool", tool_call_id: "c1", content: "found" }]);
  });

  it("stops with an error after maxTurns rounds without a final answer", async () => {
    const server = await serve((_body, i) => ({ toolCalls: [{ id: `c${i}`, name: "lookup", args: { q: String(i) } }] }));
    const executeTool = vi.fn(async () => ({}));
    await expect(runLlmAgent(baseArgs(server, { executeTool, maxTurns: 2 }))).rejects.toThrow("The agent used all its 2 turns without a final answer.");
    expect(server.requests).toHaveLength(2);
    expect(executeTool).toHaveBeenCalledTimes(2);
  });

  it("a server error names the status and never the API key, even when the server echoes it", async () => {
    const server = await serve((_body) => ({ status: 500, content: `upstream rejected key ${KEY}` }));
    const error = await runLlmAgent(baseArgs(server)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`^The model at ${server.baseUrl.replace(/[.]/g, "\\.")} answered 500: `));
    expect((error as Error).message).toContain("upstream rejected key [key]");
    expect((error as Error).message).not.toContain(KEY);
  });

  it("a server that does not answer in time is a timeout error", async () => {
    const server = await serve(() => ({ content: "late", delayMs: 2_000 }));
    await expect(runLlmAgent(baseArgs(server, { timeoutMs: 150 }))).rejects.toThrow(`The model at ${server.baseUrl} did not answer within 150 ms.`);
  });

  it("a server that cannot be reached says so", async () => {
    const server = await serve(() => ({ content: "never" }));
    const { baseUrl } = server;
    await server.close();
    await expect(runLlmAgent(baseArgs(server, { baseUrl }))).rejects.toThrow(`The model at ${baseUrl} could not be reached`);
  });
});
