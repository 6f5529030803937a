import type { HttpAgentConfig, LlmConfig, TranscriptEntry, Usage } from "@/lib/agents/catalog/schemas";
import { type LlmState, type LlmTool, type ToolDecision, runLlmAgent } from "@/lib/agents/catalog/llm-runner";
import { runAgentTask } from "@/lib/agents/task-agent";
import { type HttpPolicy, runHttp } from "@/lib/engine/executors/http";
import { checkUrl } from "@/lib/engine/executors/http-policy";
import { type ExecutorContext, TaskError } from "@/lib/engine/executors/types";

/**
 * How each kind of catalog agent is called: the builtin planner (offline), a remote agent service over
 * HTTP, or a model through an OpenAI-compatible server with tools. Each answers the same shape: an
 * output with its usage and transcript, or (llm only) a pause waiting for a person.
 */

export type AgentRequest = {
  agentName: string;
  role: string;
  taskKey: string;
  taskName: string;
  prompt: string;
  modelHint?: string;
  input: unknown;
  outputSchema: Record<string, unknown> | null;
};

export type KindResult =
  | { status: "done"; output: unknown; usage: Usage; transcript: TranscriptEntry[]; model: string | null }
  | { status: "paused"; reason: "tool" | "budget"; toolCall?: { id: string; name: string; args: unknown }; state: LlmState; model: string | null };

const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0 };

const inputText = (req: AgentRequest) =>
  [req.prompt.trim(), `Input:\n\`\`\`json\n${JSON.stringify(req.input ?? null, null, 2)}\n\`\`\``].filter(Boolean).join("\n\n");

/** The builtin planner: offline and deterministic; it reports what it was asked (see task-agent.ts). */
export async function callBuiltin(req: AgentRequest): Promise<KindResult> {
  const output = await runAgentTask({ role: req.role, prompt: req.prompt, modelHint: req.modelHint, input: req.input, outputSchema: req.outputSchema });
  return {
    status: "done",
    output,
    usage: NO_USAGE,
    model: null,
    transcript: [
      { type: "system", text: "The builtin planner runs offline; it records the request and passes the input on." },
      { type: "user", text: inputText(req) },
      { type: "assistant", text: JSON.stringify(output, null, 2) },
    ],
  };
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0);

/** An agent service's answer: any JSON is the output; `{output, usage}` is read as an envelope. */
function readEnvelope(body: unknown): { output: unknown; usage: Usage } {
  if (body && typeof body === "object" && !Array.isArray(body) && "output" in body) {
    const b = body as { output: unknown; usage?: Record<string, unknown> };
    const u = b.usage ?? {};
    return {
      output: b.output,
      usage: { inputTokens: num(u.inputTokens ?? u.input_tokens ?? u.prompt_tokens), outputTokens: num(u.outputTokens ?? u.output_tokens ?? u.completion_tokens) },
    };
  }
  return { output: body, usage: NO_USAGE };
}

/**
 * A remote agent service: POSTs `{task, input, run, idempotencyKey}` as JSON to its execute endpoint and
 * reads JSON back. Every failure (timeout, an error status, an answer that is not JSON) is a task error
 * that names the agent; errors and timeouts may be retried, a non-JSON answer is not.
 */
export async function callHttpAgent(
  cfg: HttpAgentConfig,
  req: AgentRequest,
  o: { ctx: ExecutorContext; policy: HttpPolicy; authToken: string | null },
): Promise<KindResult> {
  const body = {
    task: { key: req.taskKey, name: req.taskName, role: req.role, prompt: req.prompt },
    input: req.input ?? null,
    run: { id: o.ctx.runId, attempt: o.ctx.attempt, iteration: o.ctx.iteration },
    idempotencyKey: o.ctx.idempotencyKey,
  };
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (o.authToken) headers.authorization = `Bearer ${o.authToken}`;
  const transcript: TranscriptEntry[] = [{ type: "request", url: cfg.url, body }];
  let answer: { status: number; body: unknown };
  try {
    answer = await runHttp({ method: "POST", url: cfg.url, headers, body }, o.ctx, o.policy, cfg.timeoutMs);
  } catch (err) {
    const e = err instanceof TaskError ? err : new TaskError(String(err));
    throw new TaskError(`Agent “${req.agentName}”: ${e.message}`, { retryable: e.retryable, details: { transcript: [...transcript, { type: "note", text: e.message }] } });
  }
  let parsed = answer.body;
  if (typeof parsed === "string") {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      const text = parsed as string;
      throw new TaskError(`Agent “${req.agentName}” answered something that is not JSON; it began: “${text.slice(0, 200)}”.`, {
        retryable: false,
        details: { transcript: [...transcript, { type: "response", status: answer.status, body: text.slice(0, 2_000) }] },
      });
    }
  }
  transcript.push({ type: "response", status: answer.status, body: parsed });
  const { output, usage } = readEnvelope(parsed);
  return { status: "done", output, usage, transcript, model: null };
}

/** Where an llm agent's model is and how to reach it, after the environment's defaults. */
export function llmEndpoint(cfg: LlmConfig, agentName: string, policy: HttpPolicy): { baseUrl: string; model: string } {
  const envBase = (process.env.TANDEM_LLM_BASE_URL ?? "").trim();
  const baseUrl = cfg.baseUrl.trim() || envBase;
  const model = cfg.model.trim() || (process.env.TANDEM_LLM_MODEL ?? "").trim();
  if (!baseUrl || !model) {
    throw new TaskError(
      `Agent “${agentName}” has no model to call: set its server URL and model in the catalog, or TANDEM_LLM_BASE_URL and TANDEM_LLM_MODEL.`,
      { retryable: false },
    );
  }
  // The administrator's server is trusted; one a catalog author typed goes through the same allow-list as HTTP tasks.
  if (baseUrl.replace(/\/+$/, "") !== envBase.replace(/\/+$/, "")) checkUrl(baseUrl, policy);
  return { baseUrl, model };
}

/** What an llm call needs besides its config: the key, its tools' executor, a budget check, where to resume. */
export type LlmCallOptions = {
  apiKey: string | null;
  policy: HttpPolicy;
  signal: AbortSignal;
  tools: LlmTool[];
  executeTool: (name: string, args: unknown, signal: AbortSignal) => Promise<unknown>;
  overBudget?: (usage: Usage) => boolean;
  state?: LlmState;
  decision?: ToolDecision;
};

/** A model through an OpenAI-compatible server, with tools; pauses for a tool approval or a budget. */
export async function callLlmAgent(cfg: LlmConfig, req: AgentRequest, o: LlmCallOptions): Promise<KindResult> {
  const { baseUrl, model } = llmEndpoint(cfg, req.agentName, o.policy);
  let outcome;
  try {
    outcome = await runLlmAgent({
      baseUrl,
      model,
      apiKey: o.apiKey,
      instructions: cfg.instructions,
      temperature: cfg.temperature,
      outputSchema: cfg.outputSchema ?? req.outputSchema,
      prompt: inputText(req),
      tools: o.tools,
      maxTurns: cfg.maxTurns,
      timeoutMs: Number(process.env.TANDEM_LLM_TIMEOUT_MS) > 0 ? Number(process.env.TANDEM_LLM_TIMEOUT_MS) : 120_000,
      signal: o.signal,
      executeTool: o.executeTool,
      state: o.state,
      decision: o.decision,
      overBudget: o.overBudget,
    });
  } catch (err) {
    if (err instanceof TaskError) throw err;
    throw new TaskError(`Agent “${req.agentName}”: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (outcome.status === "done") {
    return { status: "done", output: outcome.output, usage: outcome.state.usage, transcript: outcome.state.transcript, model };
  }
  return outcome.reason === "tool"
    ? { status: "paused", reason: "tool", toolCall: outcome.toolCall, state: outcome.state, model }
    : { status: "paused", reason: "budget", state: outcome.state, model };
}
