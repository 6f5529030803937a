import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, generateText, jsonSchema, type AssistantModelMessage, type JSONSchema7, type ModelMessage, type ToolSet } from "ai";
import {
  lastAssistant,
  outstandingToolCalls,
  parseFinalAnswer,
  systemPrompt,
  textOf,
  toolCallsOf,
  toolResultMessage,
  type ToolCallRef,
} from "./llm-messages";
import type { TranscriptEntry, Usage } from "./schemas";

/**
 * The `llm` agent kind's runner: a manual tool loop over an OpenAI-compatible server, one model round per
 * `generateText` call, that can stop for a person (a tool needing approval, a budget passed) and carry on
 * later from its JSON state. No database access: the caller stores the state and the decisions.
 */

export type LlmTool = { name: string; description: string; parameters: Record<string, unknown>; requiresApproval: boolean };

/** Everything needed to continue a call later (stored as JSON in the database between a pause and its decision). */
export type LlmState = {
  /** `ai` ModelMessages, JSON-serializable; the system prompt is not among them (it is rebuilt each round). */
  messages: unknown[];
  transcript: TranscriptEntry[];
  usage: Usage;
  /** Model rounds so far. */
  turns: number;
  pending: { id: string; name: string; args: unknown } | null;
};

export type ToolDecision = { toolCallId: string; approve: boolean; by: string; comment: string };

export type LlmRunArgs = {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  instructions: string;
  temperature: number;
  outputSchema: Record<string, unknown> | null;
  /** The user message (task prompt + input as JSON, built by the caller). */
  prompt: string;
  tools: LlmTool[];
  maxTurns: number;
  /** Per model round. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** A thrown Error is fed back to the model as the tool's error result, and recorded. */
  executeTool: (name: string, args: unknown, signal: AbortSignal) => Promise<unknown>;
  /** Resume a paused call. */
  state?: LlmState;
  /** The decision on `state.pending` (required when it is set). */
  decision?: ToolDecision;
  /** Called after every model round with the usage of this call so far; true pauses the call (a budget was passed). */
  overBudget?: (usage: Usage) => boolean;
};

export type LlmRunOutcome =
  | { status: "done"; output: unknown; state: LlmState }
  | { status: "paused"; reason: "tool"; toolCall: { id: string; name: string; args: unknown }; state: LlmState }
  | { status: "paused"; reason: "budget"; state: LlmState };

type ToolPause = Extract<LlmRunOutcome, { reason: "tool" }>;

function startState(args: LlmRunArgs, system: string): LlmState {
  return {
    messages: [{ role: "user", content: args.prompt } satisfies ModelMessage],
    transcript: [
      { type: "system", text: system },
      { type: "user", text: args.prompt },
    ],
    usage: { inputTokens: 0, outputTokens: 0 },
    turns: 0,
    pending: null,
  };
}

/** Checks the decision against what the state waits on, before anything runs. */
function checkDecision(state: LlmState, decision: ToolDecision | undefined) {
  const pending = state.pending;
  if (pending && !decision) throw new Error(`The call waits for a decision on tool call ${pending.id} (${pending.name}).`);
  if (decision && !pending) throw new Error(`There is no tool call waiting for a decision (got one for ${decision.toolCallId}).`);
  if (decision && pending && decision.toolCallId !== pending.id) {
    throw new Error(`The decision is for tool call ${decision.toolCallId}, but the call waits on ${pending.id} (${pending.name}).`);
  }
}

/** Turns what `generateText` threw into one sentence naming the server, never the key. */
function modelError(error: unknown, args: LlmRunArgs, baseUrl: string, timeout: AbortSignal): unknown {
  const redact = (text: string) => (args.apiKey ? text.split(args.apiKey).join("[key]") : text).slice(0, 500);
  if (args.signal?.aborted) return error; // the caller cancelled: let its own reason through
  if (timeout.aborted) return new Error(`The model at ${baseUrl} did not answer within ${args.timeoutMs} ms.`);
  if (APICallError.isInstance(error)) {
    const detail = redact(error.message);
    return new Error(error.statusCode ? `The model at ${baseUrl} answered ${error.statusCode}: ${detail}` : `The model at ${baseUrl} could not be reached: ${detail}`);
  }
  return new Error(`The model at ${baseUrl} failed: ${redact(error instanceof Error ? error.message : String(error))}`);
}

/** A tool's return value as plain JSON, so the state stays storable. */
function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Runs (or refuses) one tool call and appends its result to the messages and the transcript. */
async function runToolCall(call: ToolCallRef, tool: LlmTool | undefined, args: LlmRunArgs, state: LlmState, denial?: string) {
  let outcome: { result: unknown } | { error: string };
  if (denial) outcome = { error: denial };
  else if (!tool) outcome = { error: `No tool named ${call.name}.` };
  else if (typeof call.args !== "object" || call.args === null || Array.isArray(call.args)) {
    // The SDK leaves unparsable arguments as the raw string (see modelRound); the model can retry.
    const raw = typeof call.args === "string" ? call.args : String(JSON.stringify(call.args));
    outcome = { error: `The arguments for ${call.name} were not a JSON object: ${JSON.stringify(raw.slice(0, 200))}` };
  } else {
    try {
      outcome = { result: asJson(await args.executeTool(call.name, call.args, args.signal ?? new AbortController().signal)) };
    } catch (error) {
      if (args.signal?.aborted) throw error;
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  state.messages.push(toolResultMessage(call, outcome));
  state.transcript.push(
    "error" in outcome
      ? { type: "tool_result", id: call.id, tool: call.name, result: null, error: outcome.error }
      : { type: "tool_result", id: call.id, tool: call.name, result: outcome.result },
  );
}

/**
 * Handles the latest round's unanswered tool calls in order. Returns a pause when one needs an approval
 * it does not have; the calls before it are answered by then, the ones after it wait for the resume.
 */
async function handleToolCalls(args: LlmRunArgs, state: LlmState, tools: Map<string, LlmTool>): Promise<ToolPause | null> {
  let decision = args.decision;
  for (const call of outstandingToolCalls(state.messages as ModelMessage[])) {
    const tool = tools.get(call.name);
    if (decision && call.id === decision.toolCallId) {
      const { approve, by, comment } = decision;
      state.transcript.push({ type: "decision", gate: "tool", approve, by, comment });
      state.pending = null;
      decision = undefined;
      await runToolCall(call, tool, args, state, approve ? undefined : `Denied by ${by}${comment.trim() ? `: ${comment.trim()}` : "."}`);
    } else if (tool?.requiresApproval) {
      state.pending = call;
      return { status: "paused", reason: "tool", toolCall: call, state };
    } else {
      await runToolCall(call, tool, args, state);
    }
  }
  return null;
}

/** One model round: asks for the next message, appends it and accounts for its tokens. */
async function modelRound(args: LlmRunArgs, state: LlmState, system: string) {
  const baseUrl = args.baseUrl.replace(/\/+$/, "");
  const provider = createOpenAICompatible({ name: "tandem", baseURL: baseUrl, apiKey: args.apiKey ?? undefined });
  // Declared without `execute`: the SDK stops after the round and hands the calls to us, which is what
  // lets a call pause for a person in the middle of a round and resume in another process.
  const tools: ToolSet = Object.fromEntries(
    args.tools.map((t) => [t.name, { description: t.description, inputSchema: jsonSchema(t.parameters as JSONSchema7) }]),
  );
  const timeout = AbortSignal.timeout(args.timeoutMs);
  let result: Awaited<ReturnType<typeof generateText>>;
  try {
    result = await generateText({
      model: provider.chatModel(args.model),
      system: system || undefined,
      messages: state.messages as ModelMessage[],
      tools: args.tools.length ? tools : undefined,
      temperature: args.temperature,
      // A failed call fails fast: the job that asked decides whether to try again.
      maxRetries: 0,
      abortSignal: args.signal ? AbortSignal.any([args.signal, timeout]) : timeout,
    });
  } catch (error) {
    throw modelError(error, args, baseUrl, timeout);
  }

  state.turns += 1;
  state.usage = {
    inputTokens: state.usage.inputTokens + (result.usage.inputTokens ?? 0),
    outputTokens: state.usage.outputTokens + (result.usage.outputTokens ?? 0),
  };
  // Only the assistant message is kept: the SDK also writes its own error results for calls it could not
  // parse (unknown tool, broken JSON), but we answer every call ourselves, in the model's order.
  const found = result.response.messages.find((m): m is AssistantModelMessage => m.role === "assistant");
  const message: AssistantModelMessage = asJson(found ?? { role: "assistant", content: "" }) as AssistantModelMessage;
  const invalid = new Map(result.toolCalls.filter((c) => c.invalid).map((c) => [c.toolCallId, c.input]));
  if (invalid.size && typeof message.content !== "string") {
    // The SDK replaces unparsable arguments with {}; keep what the model wrote so it is refused, not run with {}.
    for (const part of message.content) if (part.type === "tool-call" && invalid.has(part.toolCallId)) part.input = invalid.get(part.toolCallId);
  }
  state.messages.push(message);

  const text = textOf(message);
  if (text.trim()) state.transcript.push({ type: "assistant", text });
  for (const call of toolCallsOf(message)) {
    const tool = args.tools.find((t) => t.name === call.name);
    state.transcript.push({ type: "tool_call", id: call.id, tool: call.name, args: call.args, ...(tool ? { requiresApproval: tool.requiresApproval } : {}) });
  }
}

/** Runs an `llm` agent call until its final answer, or until it must wait for a person; resumable from the returned state. */
export async function runLlmAgent(args: LlmRunArgs): Promise<LlmRunOutcome> {
  const system = systemPrompt(args.instructions, args.outputSchema);
  const state: LlmState = args.state ? structuredClone(args.state) : startState(args, system);
  checkDecision(state, args.decision);
  const tools = new Map(args.tools.map((t) => [t.name, t]));

  for (;;) {
    if (state.turns > 0) {
      const last = lastAssistant(state.messages as ModelMessage[]);
      if (toolCallsOf(last).length === 0) {
        return { status: "done", output: parseFinalAnswer(textOf(last), args.outputSchema !== null), state };
      }
      const paused = await handleToolCalls(args, state, tools);
      if (paused) return paused;
    }
    if (state.turns >= args.maxTurns) throw new Error(`The agent used all its ${args.maxTurns} turns without a final answer.`);
    await modelRound(args, state, system);
    if (args.overBudget?.(state.usage)) return { status: "paused", reason: "budget", state };
  }
}
