import { z } from "zod";
import { secretName } from "@/lib/secrets/schemas";

export { type Budget, budgetSchema } from "@/lib/engine/graph-schema";

/**
 * The agent catalog's shapes: agents (llm, http, builtin) with versioned settings, guardrail policies
 * named by tag, and the transcript an agent call leaves on its task run. Pure data, shared by the
 * service, the executor, the REST API and the pages.
 */

export const AGENT_KINDS = ["llm", "http", "builtin"] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

const jsonObject = z.record(z.string(), z.unknown());
const capability = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z][a-z0-9_.-]*$/, "A capability is lower-case letters, digits, “.”, “_” or “-” (e.g. code.review).");

/** US dollars per million tokens; what a call's cost estimate is computed from. */
export const pricingSchema = z.object({
  inputPerMTok: z.number().min(0).max(10_000).default(0),
  outputPerMTok: z.number().min(0).max(10_000).default(0),
});
export type Pricing = z.infer<typeof pricingSchema>;

export const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** A tool an `llm` agent may call: an HTTP endpoint that takes the call's arguments as JSON and answers JSON. */
export const toolSchema = z.object({
  name: z.string().regex(TOOL_NAME, "A tool name is 1–64 letters, digits, “_” or “-”, starting with a letter."),
  description: z.string().max(2_000).default(""),
  /** JSON Schema of the arguments. */
  parameters: jsonObject.default(() => ({ type: "object", properties: {} })),
  url: z.string().url("A tool's URL must be an absolute http(s) URL.").max(2_000),
  /** Each call waits for a person to approve it; the run shows `waiting_approval` meanwhile. */
  requiresApproval: z.boolean().default(false),
});
export type ToolSpec = z.infer<typeof toolSchema>;

export const llmConfigSchema = z.object({
  kind: z.literal("llm"),
  /** The persona: the system prompt every call starts with. */
  instructions: z.string().max(20_000).default(""),
  /** An OpenAI-compatible server; empty means TANDEM_LLM_BASE_URL. */
  baseUrl: z.string().max(2_000).default(""),
  /** Empty means TANDEM_LLM_MODEL. */
  model: z.string().max(200).default(""),
  /** The secret (by name, of the workflow's owner) holding the API key; empty means LLM_API_KEY, then TANDEM_LLM_API_KEY. */
  apiKeySecret: z.union([secretName, z.literal("")]).default(""),
  temperature: z.number().min(0).max(2).default(0.2),
  outputSchema: jsonObject.nullable().default(null),
  tools: z.array(toolSchema).max(20).default(() => []),
  /** Catalog agents (ids) this agent may hand a sub-task to; each is offered as a tool `handoff_<name>`. */
  handoffs: z.array(z.string().uuid()).max(10).default(() => []),
  /** Model rounds per call before it stops with an error (each tool result costs one). */
  maxTurns: z.number().int().min(1).max(50).default(8),
  pricing: pricingSchema.default(() => ({ inputPerMTok: 0, outputPerMTok: 0 })),
});
export type LlmConfig = z.infer<typeof llmConfigSchema>;

export const httpAgentConfigSchema = z.object({
  kind: z.literal("http"),
  /** The agent service's execute endpoint: POSTed the task as JSON, answers JSON. */
  url: z.string().url("The execute endpoint must be an absolute http(s) URL.").max(2_000),
  /** The secret (by name) sent as `Authorization: Bearer …`; empty for none. */
  authSecret: z.union([secretName, z.literal("")]).default(""),
  timeoutMs: z.number().int().min(100).max(30 * 60_000).default(30_000),
  pricing: pricingSchema.default(() => ({ inputPerMTok: 0, outputPerMTok: 0 })),
});
export type HttpAgentConfig = z.infer<typeof httpAgentConfigSchema>;

export const builtinConfigSchema = z.object({ kind: z.literal("builtin") });

export const agentConfigSchema = z.discriminatedUnion("kind", [llmConfigSchema, httpAgentConfigSchema, builtinConfigSchema]);
export type AgentConfig = z.infer<typeof agentConfigSchema>;

/* ---------------------------------------------------------------------------------------------- */
/* Guardrails                                                                                     */
/* ---------------------------------------------------------------------------------------------- */

export const GUARDRAIL_KINDS = ["secrets", "path_allowlist", "patch_size", "json_schema", "regex_deny", "needs_approval"] as const;
export type GuardrailKind = (typeof GUARDRAIL_KINDS)[number];
export const GUARDRAIL_ACTIONS = ["flag", "block"] as const;
export type GuardrailAction = (typeof GUARDRAIL_ACTIONS)[number];

const action = z.enum(GUARDRAIL_ACTIONS).default("block");
const side = z.enum(["input", "output", "both"]);

/** One check of a guardrail policy. Each names what it does when it finds something: flag or block. */
export const guardrailCheckSchema = z.discriminatedUnion("kind", [
  /** Credential patterns (keys, tokens, private keys) and the values of the owner's stored secrets. */
  z.object({ kind: z.literal("secrets"), on: side.default("output"), action }),
  /** Every path a patch in the output touches must match one of these globs (`src/**`, `docs/*.md`). */
  z.object({ kind: z.literal("path_allowlist"), paths: z.array(z.string().min(1).max(500)).min(1).max(50), action }),
  /** A patch in the output changes at most this many lines (added + removed) and files. */
  z.object({
    kind: z.literal("patch_size"),
    maxLines: z.number().int().min(1).max(1_000_000).default(500),
    maxFiles: z.number().int().min(1).max(10_000).default(50),
    action,
  }),
  /** The output must match this JSON Schema. */
  z.object({ kind: z.literal("json_schema"), schema: jsonObject, action }),
  /** None of these regular expressions (JavaScript syntax, case-insensitive) may match. */
  z.object({ kind: z.literal("regex_deny"), patterns: z.array(z.string().min(1).max(500)).min(1).max(50), on: side.default("both"), action }),
  /** The call waits for a person's approval before it runs. */
  z.object({ kind: z.literal("needs_approval"), reason: z.string().max(500).default("") }),
]);
export type GuardrailCheck = z.infer<typeof guardrailCheckSchema>;

export const POLICY_TAG = /^[a-z0-9][a-z0-9_.:-]{0,79}$/;

/** What one check concluded about one call. `block` stops the call; `flag` lets it through, marked. */
export type GuardrailResult = {
  /** The policy tag that brought the check in. */
  tag: string;
  kind: GuardrailKind;
  phase: "input" | "output";
  verdict: "pass" | "flag" | "block";
  /** Why, in a sentence a reviewer understands; never contains a secret's value. */
  reason: string;
};

/* ---------------------------------------------------------------------------------------------- */
/* Transcripts                                                                                    */
/* ---------------------------------------------------------------------------------------------- */

/** One entry of an agent call's transcript. Stored with secrets masked. */
export type TranscriptEntry =
  | { type: "system" | "user" | "assistant"; text: string }
  | { type: "tool_call"; id: string; tool: string; args: unknown; requiresApproval?: boolean }
  | { type: "tool_result"; id: string; tool: string; result: unknown; error?: string }
  | { type: "decision"; gate: GateKind; approve: boolean; by: string; comment: string }
  | { type: "request"; url: string; body: unknown }
  | { type: "response"; status: number; body: unknown }
  | { type: "note"; text: string };

export type GateKind = "tool" | "budget" | "guardrail";

/** Why an agent call waits for a person, and (once given) their decision. */
export type Gate = {
  kind: GateKind;
  /** One sentence for the person deciding. */
  reason: string;
  tool?: { id: string; name: string; args: unknown };
  budget?: { scope: "task" | "stage"; spentUsd: number; limitUsd: number | null; spentTokens: number; limitTokens: number | null };
  decision?: { approve: boolean; userId: string; by: string; comment: string; at: string };
};

export type Usage = { inputTokens: number; outputTokens: number };
