import { type SQL, and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type AgentCall, type AgentOutcome, type OutcomeKind, agentCalls, agentOutcomes, outcomeKind } from "@/db/schema";
import { parseInput } from "@/lib/validation";

/**
 * What the agents learn from: how people received each engine's work (outcomes, per user and intent),
 * and what every engine call cost (tokens, latency, errors). Routing reads `engineStats` to pick an engine.
 * Internal: callers (the review and apply paths, the orchestrator) have already authorized the work, so
 * these take no actor and write no audit rows (they record no one's decision that the audit log lacks).
 */

/**
 * Outcomes that count as a success. `edited` does too: the reviewer changed the plan but used it, which
 * says the engine's work was worth building on (the edit itself is kept with the recommendation).
 */
export const SUCCESS_KINDS: readonly OutcomeKind[] = ["accepted", "edited", "apply_success"];

/** Below this many outcomes of their own for an intent, a user's stats are everyone's. */
export const MIN_PERSONAL_SAMPLES = 5;

const uuidOrNull = z.string().uuid().nullable();
const intent = z.string().trim().min(1, "An outcome needs the request's intent.").max(100);
const engine = z.string().trim().min(1, "Name the engine.").max(100);

const outcomeInput = z.object({
  userId: uuidOrNull,
  intent,
  engine,
  kind: z.enum(outcomeKind.enumValues, { error: `An outcome is one of ${outcomeKind.enumValues.join(", ")}.` }),
  recommendationId: uuidOrNull.optional(),
});
export type OutcomeInput = z.input<typeof outcomeInput>;

const statsInput = z.object({ userId: uuidOrNull, intent });
export type EngineStat = { engine: string; samples: number; successes: number };

const tokens = z.number().int().min(0).max(2_147_483_647);
const callInput = z.object({
  userId: uuidOrNull,
  sessionId: uuidOrNull.optional(),
  recommendationId: uuidOrNull.optional(),
  verb: z.string().trim().min(1).max(50),
  engine,
  model: z.string().max(200).nullable().optional(),
  inputTokens: tokens,
  outputTokens: tokens,
  latencyMs: z.number().min(0).transform(Math.round).pipe(tokens),
  ok: z.boolean(),
  error: z.string().nullable().optional(),
});
export type CallInput = z.input<typeof callInput>;

const MAX_ERROR_CHARS = 2000;

/** Records how a person received an engine's work; `success` follows SUCCESS_KINDS. */
export async function recordOutcome(db: Db, input: OutcomeInput): Promise<AgentOutcome> {
  const data = parseInput(outcomeInput, input);
  const [row] = await db
    .insert(agentOutcomes)
    .values({
      userId: data.userId,
      intent: data.intent,
      engine: data.engine,
      kind: data.kind,
      success: SUCCESS_KINDS.includes(data.kind),
      recommendationId: data.recommendationId ?? null,
    })
    .returning();
  return row!;
}

/**
 * Samples and successes per engine for an intent, most samples first. With a `userId`, the user's own
 * outcomes, unless they have fewer than MIN_PERSONAL_SAMPLES for that intent across all engines: then
 * everyone's (a new user starts from what worked for others). Without one, everyone's.
 */
export async function engineStats(db: Db, input: { userId: string | null; intent: string }): Promise<EngineStat[]> {
  const { userId, intent: forIntent } = parseInput(statsInput, input);
  if (userId) {
    const own = await statsWhere(db, and(eq(agentOutcomes.userId, userId), eq(agentOutcomes.intent, forIntent)) as SQL);
    if (own.reduce((n, s) => n + s.samples, 0) >= MIN_PERSONAL_SAMPLES) return own;
  }
  return statsWhere(db, eq(agentOutcomes.intent, forIntent));
}

async function statsWhere(db: Db, where: SQL): Promise<EngineStat[]> {
  const samples = count();
  const rows = await db
    .select({
      engine: agentOutcomes.engine,
      samples,
      successes: sql<number>`count(*) filter (where ${agentOutcomes.success})`.mapWith(Number),
    })
    .from(agentOutcomes)
    .where(where)
    .groupBy(agentOutcomes.engine)
    .orderBy(desc(samples), asc(agentOutcomes.engine));
  return rows;
}

/** Records one engine call (who, verb, tokens, latency, whether it worked) for cost figures; mask secrets in `error` first. */
export async function recordCall(db: Db, input: CallInput): Promise<AgentCall> {
  const data = parseInput(callInput, input);
  const [row] = await db
    .insert(agentCalls)
    .values({
      userId: data.userId,
      sessionId: data.sessionId ?? null,
      recommendationId: data.recommendationId ?? null,
      verb: data.verb,
      engine: data.engine,
      model: data.model ?? null,
      inputTokens: data.inputTokens,
      outputTokens: data.outputTokens,
      latencyMs: data.latencyMs,
      ok: data.ok,
      error: data.error ? data.error.slice(0, MAX_ERROR_CHARS) : null,
    })
    .returning();
  return row!;
}
