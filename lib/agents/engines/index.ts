import { Invalid } from "@/lib/errors";
import type { AgentEngine } from "../types";
import { builtinEngine } from "./builtin";
import { openAiCompatibleEngine } from "./openai-compatible";

/**
 * Which engines this deployment has: builtin always, an OpenAI-compatible model when the environment
 * names one. The configured model comes first, so it is the default when routing has no record yet.
 */

export type LlmSettings = {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  /** From TANDEM_LLM_STRUCTURED_OUTPUTS=false, for servers that refuse `response_format: json_schema`. */
  structuredOutputs?: boolean;
};

const LLM = "openai-compatible";
const HOW_TO_CONFIGURE = "set TANDEM_LLM_BASE_URL (the API root, e.g. http://localhost:11434/v1) and TANDEM_LLM_MODEL, and TANDEM_LLM_API_KEY if the server needs a key";

/** The model server named by the environment, or null unless both its URL and model are set. */
export function llmSettings(env: Record<string, string | undefined> = process.env): LlmSettings | null {
  const baseUrl = env.TANDEM_LLM_BASE_URL?.trim();
  const model = env.TANDEM_LLM_MODEL?.trim();
  if (!baseUrl || !model) return null;
  const settings: LlmSettings = { baseUrl, model, apiKey: env.TANDEM_LLM_API_KEY?.trim() || null };
  const structured = env.TANDEM_LLM_STRUCTURED_OUTPUTS?.trim().toLowerCase();
  if (structured) settings.structuredOutputs = !["false", "0", "no", "off"].includes(structured);
  return settings;
}

/** The engines a request may be routed to, default first: the configured model, then builtin. */
export function availableEngines(settings: LlmSettings | null): { engine: string; model: string | null }[] {
  return [...(settings ? [{ engine: LLM, model: settings.model }] : []), { engine: builtinEngine.name, model: null }];
}

/** The engine of that name; a key stored for the team or user (`apiKeyOverride`) replaces the environment's. */
export function engineFor(name: string, settings: LlmSettings | null, apiKeyOverride?: string | null): AgentEngine {
  if (name === builtinEngine.name) return builtinEngine;
  if (name === LLM) {
    if (!settings) throw new Invalid(`The ${LLM} engine is not configured: ${HOW_TO_CONFIGURE}.`);
    return openAiCompatibleEngine({ ...settings, apiKey: apiKeyOverride ?? settings.apiKey });
  }
  throw new Invalid(`There is no agent engine "${name}": use builtin, or ${LLM} once configured (${HOW_TO_CONFIGURE}).`);
}
