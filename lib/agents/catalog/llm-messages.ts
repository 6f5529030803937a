import type { AssistantModelMessage, ModelMessage, ToolModelMessage } from "ai";

/**
 * The pure part of the `llm` runner: reading the conversation it keeps as `ai` ModelMessages (which tool
 * calls still want a result, the final text), building tool results, the system prompt, and reading the
 * final answer. No I/O, so a paused call can be picked up from stored JSON alone.
 */

export type ToolCallRef = { id: string; name: string; args: unknown };

/** The system prompt: the agent's instructions, and with an output schema the demand for one JSON object matching it. */
export function systemPrompt(instructions: string, outputSchema: Record<string, unknown> | null): string {
  const parts = [instructions.trim()];
  if (outputSchema) {
    parts.push(`Answer with one JSON object and nothing else (no prose, no code fences), matching this JSON schema:\n${JSON.stringify(outputSchema)}`);
  }
  return parts.filter(Boolean).join("\n\n");
}

function lastAssistantIndex(messages: ModelMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === "assistant") return i;
  return -1;
}

/** The last assistant message: the answer of the latest model round. */
export function lastAssistant(messages: ModelMessage[]): AssistantModelMessage | null {
  const i = lastAssistantIndex(messages);
  return i < 0 ? null : (messages[i] as AssistantModelMessage);
}

/** The tool calls an assistant message asks for, in the model's order. */
export function toolCallsOf(message: AssistantModelMessage | null): ToolCallRef[] {
  if (!message || typeof message.content === "string") return [];
  return message.content.flatMap((part) => (part.type === "tool-call" && !part.providerExecuted ? [{ id: part.toolCallId, name: part.toolName, args: part.input }] : []));
}

/**
 * The latest round's tool calls that have no result yet, in order. Derived from the messages rather than
 * stored, so a call paused mid-round (for an approval or a budget) resumes exactly where it stopped.
 */
export function outstandingToolCalls(messages: ModelMessage[]): ToolCallRef[] {
  const i = lastAssistantIndex(messages);
  if (i < 0) return [];
  const answered = new Set<string>();
  for (const m of messages.slice(i + 1)) {
    if (m.role !== "tool") continue;
    for (const part of m.content) if (part.type === "tool-result") answered.add(part.toolCallId);
  }
  return toolCallsOf(messages[i] as AssistantModelMessage).filter((call) => !answered.has(call.id));
}

/** The text of an assistant message (its text parts joined; reasoning left out). */
export function textOf(message: AssistantModelMessage | null): string {
  if (!message) return "";
  if (typeof message.content === "string") return message.content;
  return message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/**
 * A tool message holding one result. Strings go as text, anything else as JSON; errors as error text,
 * which the model reads like any result and can recover from.
 */
export function toolResultMessage(call: ToolCallRef, outcome: { result: unknown } | { error: string }): ToolModelMessage {
  const output =
    "error" in outcome
      ? { type: "error-text" as const, value: outcome.error }
      : typeof outcome.result === "string"
        ? { type: "text" as const, value: outcome.result }
        : { type: "json" as const, value: outcome.result as never };
  return { role: "tool", content: [{ type: "tool-result", toolCallId: call.id, toolName: call.name, output }] };
}

const unfence = (text: string) => text.trim().replace(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i, "$1").trim();

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The call's output from the model's final text. With a schema the text must be JSON (a ```json fence is
 * forgiven) and is not validated here: the caller's guardrails do that. Without one: `{ text }`, unless
 * the text is a JSON object, which is then the output.
 */
export function parseFinalAnswer(text: string, hasSchema: boolean): unknown {
  const body = unfence(text);
  const parsed = tryJson(body);
  if (hasSchema) {
    if (!parsed.ok) throw new Error(`The model's answer was not JSON: ${JSON.stringify(body.slice(0, 200))}`);
    return parsed.value;
  }
  const isObject = parsed.ok && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value);
  return isObject ? parsed.value : { text };
}
