import { z } from "zod";
import { GUARDRAIL_KINDS } from "@/lib/agents/catalog/schemas";
import type { AgentCallView, Spend, runSpend, workflowSpend } from "@/lib/catalog/queries";
import type { decideAgentCall } from "@/lib/runs/agent-decisions";
import { decideAgentCallInput } from "@/lib/runs/schemas";
import type { AsJson } from "./catalog-schemas";

/*
 * REST shapes of a run's agent calls (transcripts, tokens, cost, guardrails, what a call waits for), the
 * decisions people take on waiting calls, and agent spend per run and per workflow. Responses are checked
 * against the catalog's read models, and the handler tests parse real answers with them.
 */

export const decideAgentCallBody = decideAgentCallInput.omit({ runId: true }).strict();

export const agentSpendQuery = z.object({
  since: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Use an ISO 8601 date or time, like 2026-03-01 or 2026-03-01T12:00:00Z." })
    .optional()
    .describe("Only calls from this day (UTC midnight) or time on; all time when left out."),
});

const id = z.string().uuid();
const gateKind = z.enum(["tool", "budget", "guardrail"]);

const transcriptEntry = z.union([
  z.object({ type: z.enum(["system", "user", "assistant"]), text: z.string() }),
  z.object({ type: z.literal("tool_call"), id: z.string(), tool: z.string(), args: z.unknown(), requiresApproval: z.boolean().optional() }),
  z.object({ type: z.literal("tool_result"), id: z.string(), tool: z.string(), result: z.unknown(), error: z.string().optional() }),
  z.object({ type: z.literal("decision"), gate: gateKind, approve: z.boolean(), by: z.string(), comment: z.string() }),
  z.object({ type: z.literal("request"), url: z.string(), body: z.unknown() }),
  z.object({ type: z.literal("response"), status: z.number().int(), body: z.unknown() }),
  z.object({ type: z.literal("note"), text: z.string() }),
]);

const guardrailResult = z.object({
  tag: z.string().describe("The policy tag that brought the check in."),
  kind: z.enum(GUARDRAIL_KINDS),
  phase: z.enum(["input", "output"]),
  verdict: z.enum(["pass", "flag", "block"]).describe("`block` stopped the call; `flag` let it through, marked."),
  reason: z.string(),
});

const gate = z.object({
  kind: gateKind.describe("`tool`: a tool call that needs approval; `budget`: going over the task's or stage's budget; `guardrail`: an approval policy."),
  reason: z.string().describe("One sentence for the person deciding."),
  tool: z.object({ id: z.string(), name: z.string(), args: z.unknown() }).optional(),
  budget: z
    .object({
      scope: z.enum(["task", "stage"]),
      spentUsd: z.number(),
      limitUsd: z.number().nullable(),
      spentTokens: z.number().int(),
      limitTokens: z.number().int().nullable(),
    })
    .optional(),
  decision: z
    .object({ approve: z.boolean(), userId: id, by: z.string(), comment: z.string(), at: z.iso.datetime() })
    .optional()
    .describe("Once someone decided."),
});

const agentCall = z.object({
  id: z.number().int(),
  taskKey: z.string(),
  iteration: z.number().int(),
  roleId: z.string().nullable(),
  agent: z
    .object({ id, name: z.string(), version: z.number().int().nullable().describe("The version the run pinned.") })
    .nullable()
    .describe("The catalog agent that answered; null for the builtin planner with no agent bound."),
  engine: z.string(),
  model: z.string().nullable(),
  status: z.enum(["ok", "failed", "blocked", "waiting", "denied"]).describe("ok, failed, blocked (by a guardrail), waiting (for a person) or denied."),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().describe("Estimated from the agent version's prices."),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
  transcript: z.array(transcriptEntry).describe("What was said, in order; stored with secrets masked."),
  guardrails: z.array(guardrailResult),
  gate: gate.nullable().describe("Why the call waits for a person (decide with `POST /api/v1/runs/{id}/agent-decisions`), kept with the decision after."),
  at: z.iso.datetime(),
}) satisfies z.ZodType<AgentCallView>;

const spend = z.object({
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().describe("Estimated, in US dollars."),
}) satisfies z.ZodType<Spend>;

export const runAgentCallsResponse = z.object({
  calls: z.array(agentCall).describe("Every agent call of the run, oldest first."),
  spend: z.object({ total: spend, byTask: z.record(z.string(), spend).describe("By task key.") }) satisfies z.ZodType<Awaited<ReturnType<typeof runSpend>>>,
});

export const agentDecisionResponse = z.object({
  taskKey: z.string(),
  gate: gateKind,
  approved: z.boolean().describe("What you decided; the task goes on (or, for a denied budget or guardrail, fails)."),
}) satisfies z.ZodType<Awaited<ReturnType<typeof decideAgentCall>>>;

export const workflowSpendResponse = spend
  .extend({
    workflowId: id,
    since: z.iso.datetime().nullable().describe("The start of the period; null for all time."),
    byAgent: z.array(spend.extend({ agentId: id, name: z.string() })).describe("Calls of catalog agents, by agent; the total also counts builtin and agent-assist calls."),
  })
  .describe("Task-graph and agent-assist calls alike.") satisfies z.ZodType<AsJson<Awaited<ReturnType<typeof workflowSpend>>> & { workflowId: string; since: string | null }>;
