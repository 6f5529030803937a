import type { AgentConfig, AgentKind } from "@/lib/agents/catalog/schemas";
import type { FieldErrors } from "./field-errors";
import { jsonText, parseJsonText } from "./json-text";

/**
 * The agent form's state: every field as the person typed it (numbers and JSON as text), for all kinds
 * at once, so switching kind back and forth loses nothing. `agentInputOf` turns it into the action's
 * input, or into field errors under the same keys the server uses, so both show in one place.
 */

export type Visibility = "personal" | "team" | "global";

export type AgentDraft = {
  name: string;
  description: string;
  capabilities: string;
  kind: AgentKind;
  visibility: Visibility;
  teamId: string;
  // llm
  instructions: string;
  baseUrl: string;
  model: string;
  apiKeySecret: string;
  temperature: string;
  outputSchema: string;
  tools: string;
  handoffs: string[];
  maxTurns: string;
  // http
  url: string;
  authSecret: string;
  timeoutMs: string;
  // llm and http
  inputPerMTok: string;
  outputPerMTok: string;
};

export type AgentSource = {
  name: string;
  description: string;
  capabilities: string[];
  config: AgentConfig;
};

const str = (n: number | undefined) => (n === undefined ? "" : String(n));

/** The draft of a new agent (owned as `owner` says) or of an existing one's latest version. */
export function agentDraft(agent: AgentSource | null, owner: { visibility: Visibility; teamId: string }): AgentDraft {
  const c = agent?.config;
  const llm = c?.kind === "llm" ? c : null;
  const http = c?.kind === "http" ? c : null;
  const pricing = llm?.pricing ?? http?.pricing;
  return {
    name: agent?.name ?? "",
    description: agent?.description ?? "",
    capabilities: agent?.capabilities.join(", ") ?? "",
    kind: c?.kind ?? "llm",
    ...owner,
    instructions: llm?.instructions ?? "",
    baseUrl: llm?.baseUrl ?? "",
    model: llm?.model ?? "",
    apiKeySecret: llm?.apiKeySecret ?? "",
    temperature: str(llm?.temperature ?? 0.2),
    outputSchema: jsonText(llm?.outputSchema ?? null),
    // jsonb hands keys back in its own order; show them in the order people write them.
    tools: jsonText((llm?.tools ?? []).map((t) => ({ name: t.name, description: t.description, url: t.url, parameters: t.parameters, requiresApproval: t.requiresApproval }))),
    handoffs: llm?.handoffs ?? [],
    maxTurns: str(llm?.maxTurns ?? 8),
    url: http?.url ?? "",
    authSecret: http?.authSecret ?? "",
    timeoutMs: str(http?.timeoutMs ?? 30_000),
    inputPerMTok: str(pricing?.inputPerMTok ?? 0),
    outputPerMTok: str(pricing?.outputPerMTok ?? 0),
  };
}

/** A comma- or line-separated list: trimmed, empties and repeats dropped. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export type AgentFields = { name: string; description: string; capabilities: string[]; config: unknown };

/** The action's input from a draft, or the field errors that keep it from being sent. */
export function agentInputOf(d: AgentDraft): { ok: true; input: AgentFields } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (key: string, text: string) => {
    if (!text.trim()) return undefined;
    const n = Number(text);
    if (Number.isFinite(n)) return n;
    errors[key] = ["Enter a number."];
    return undefined;
  };
  const json = (key: string, text: string, want: "object" | "array", empty: unknown) => {
    const parsed = parseJsonText(text, want, empty);
    if (parsed.ok) return parsed.value;
    errors[key] = [parsed.message];
    return empty;
  };
  const pricing = { inputPerMTok: number("config.pricing.inputPerMTok", d.inputPerMTok), outputPerMTok: number("config.pricing.outputPerMTok", d.outputPerMTok) };
  let config: unknown;
  if (d.kind === "llm") {
    config = {
      kind: "llm",
      instructions: d.instructions,
      baseUrl: d.baseUrl.trim(),
      model: d.model.trim(),
      apiKeySecret: d.apiKeySecret.trim(),
      temperature: number("config.temperature", d.temperature),
      outputSchema: json("config.outputSchema", d.outputSchema, "object", null),
      tools: json("config.tools", d.tools, "array", []),
      handoffs: d.handoffs,
      maxTurns: number("config.maxTurns", d.maxTurns),
      pricing,
    };
  } else if (d.kind === "http") {
    config = { kind: "http", url: d.url.trim(), authSecret: d.authSecret.trim(), timeoutMs: number("config.timeoutMs", d.timeoutMs), pricing };
  } else {
    config = { kind: "builtin" };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { name: d.name, description: d.description, capabilities: splitList(d.capabilities), config } };
}

/** Every key the agent form shows an error beside; anything else goes in the summary at the bottom. */
export const PLACED_AGENT_ERRORS = [
  "name",
  "description",
  "capabilities",
  "visibility",
  "teamId",
  "config.instructions",
  "config.baseUrl",
  "config.model",
  "config.apiKeySecret",
  "config.temperature",
  "config.outputSchema",
  "config.tools",
  "config.handoffs",
  "config.maxTurns",
  "config.url",
  "config.authSecret",
  "config.timeoutMs",
  "config.pricing",
];
