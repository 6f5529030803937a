import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type AgentCallStatus, agentCalls } from "@/db/schema";
import type { Gate, GuardrailResult, TranscriptEntry, Usage } from "@/lib/agents/catalog/schemas";
import { maskCredentials } from "@/lib/agents/guardrails/credentials";
import { maskSecrets } from "@/lib/secrets/store";

/**
 * The `agent_calls` rows of task-graph agent calls: written once a call ends or pauses, with its
 * transcript, guardrail results and error masked, so no stored secret's value is ever written there.
 */

export type CallRow = typeof agentCalls.$inferSelect;

/** Whose call this is and under what: fixed for the call's whole life. */
export type CallIdentity = {
  workflowId: string;
  runId: string;
  taskRunId: string;
  iteration: number;
  roleId: string;
  catalogAgentId: string | null;
  agentVersion: number | null;
  engine: string;
  parentCallId?: number | null;
};

export type CallRecord = {
  status: AgentCallStatus;
  model: string | null;
  usage: Usage;
  costMicros: number;
  latencyMs: number;
  transcript: TranscriptEntry[];
  guardrails: GuardrailResult[];
  error?: string | null;
  gate?: Gate | null;
  state?: unknown;
};

/**
 * A JSON value with every stored secret's value (as written and as escaped inside JSON strings) and every
 * well-known credential format replaced by “••••”.
 */
export function masked<T>(value: T, secretValues: string[]): T {
  if (value === undefined || value === null) return value;
  return JSON.parse(maskCredentials(maskSecrets(JSON.stringify(value), secretValues))) as T;
}

/** Writes a call's row (or updates the paused one it continues); masks what could carry a secret. Returns its id. */
export async function saveCall(db: Db, id: number | null, who: CallIdentity, rec: CallRecord, secretValues: string[]): Promise<number> {
  const values = {
    status: rec.status,
    ok: rec.status === "ok",
    model: rec.model,
    inputTokens: rec.usage.inputTokens,
    outputTokens: rec.usage.outputTokens,
    costMicros: rec.costMicros,
    latencyMs: Math.round(rec.latencyMs),
    transcript: masked(rec.transcript, secretValues),
    guardrails: rec.guardrails,
    error: rec.error ? maskCredentials(maskSecrets(rec.error, secretValues)) : null,
    // Left out, an update keeps the gate: a decided call shows who let it go on.
    gate: rec.gate === undefined ? undefined : masked(rec.gate, secretValues),
    // The state continues a model conversation; it is what the model saw, so it is stored as it was.
    state: rec.state ?? null,
  };
  if (id !== null) {
    await db.update(agentCalls).set(values).where(eq(agentCalls.id, id));
    return id;
  }
  const [row] = await db
    .insert(agentCalls)
    .values({ ...values, ...who, verb: "task", parentCallId: who.parentCallId ?? null })
    .returning({ id: agentCalls.id });
  return row!.id;
}

/** The call of this task run's iteration that waits for (or has just received) a person's decision. */
export async function openCall(db: Db, taskRunId: string, iteration: number): Promise<CallRow | null> {
  const [row] = await db
    .select()
    .from(agentCalls)
    .where(and(eq(agentCalls.taskRunId, taskRunId), eq(agentCalls.iteration, iteration), eq(agentCalls.status, "waiting")))
    .orderBy(desc(agentCalls.id))
    .limit(1);
  return row ?? null;
}
