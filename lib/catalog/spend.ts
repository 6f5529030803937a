import { and, eq, ne, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { agentCalls } from "@/db/schema";
import type { Gate, Pricing, Usage } from "@/lib/agents/catalog/schemas";
import type { Budget } from "@/lib/engine/graph-schema";

/**
 * What agent calls cost and whether a budget allows the next one. Costs are estimates from the agent
 * version's prices, kept in millionths of a dollar so sums are exact. A budget applies to a task (its
 * calls, every attempt) or to a stage (every call of the run); going over it waits for a person, and
 * one approval lifts that budget for the rest of the task or run.
 */

/** A call's estimated cost in millionths of a dollar: tokens × dollars per million tokens. */
export function costMicros(usage: Usage, pricing: Pricing | undefined): number {
  if (!pricing) return 0;
  return Math.round(usage.inputTokens * pricing.inputPerMTok + usage.outputTokens * pricing.outputPerMTok);
}

export type Spend = { micros: number; tokens: number };
export type BudgetScope = { scope: "task"; taskRunId: string } | { scope: "stage"; runId: string };

/** The spend of a task's or a run's agent calls so far, leaving out the call `exceptId` (the one in progress). */
export async function spendOf(db: Db, s: BudgetScope, exceptId?: number): Promise<Spend> {
  const where = and(
    s.scope === "task" ? eq(agentCalls.taskRunId, s.taskRunId) : eq(agentCalls.runId, s.runId),
    exceptId === undefined ? undefined : ne(agentCalls.id, exceptId),
  );
  const [row] = await db
    .select({
      micros: sql<string>`coalesce(sum(${agentCalls.costMicros}), 0)`,
      tokens: sql<string>`coalesce(sum(${agentCalls.inputTokens} + ${agentCalls.outputTokens}), 0)`,
    })
    .from(agentCalls)
    .where(where);
  return { micros: Number(row?.micros ?? 0), tokens: Number(row?.tokens ?? 0) };
}

/** Whether a person already approved going over this budget (for this task, or this run for a stage budget). */
export async function overrunApproved(db: Db, s: BudgetScope): Promise<boolean> {
  const rows = rowsOf<{ ok: boolean }>(
    await db.execute(sql`
      select true as ok from ${agentCalls}
      where ${s.scope === "task" ? sql`task_run_id = ${s.taskRunId}` : sql`run_id = ${s.runId}`}
        and gate->>'kind' = 'budget' and gate->'budget'->>'scope' = ${s.scope}
        and (gate->'decision'->>'approve')::boolean
      limit 1`),
  );
  return rows.length > 0;
}

/**
 * Whether `spend` is over the budget. Before a call, reaching the limit is enough (nothing is left to
 * spend); during a call (`passed`), only going beyond it counts, so a call that lands on the limit ends.
 */
export function overBudget(budget: Budget, spend: Spend, passed = false): boolean {
  const over = (spent: number, limit: number) => (passed ? spent > limit : spent >= limit);
  const overCost = budget.maxCostUsd !== null && over(spend.micros, Math.round(budget.maxCostUsd * 1_000_000));
  const overTokens = budget.maxTokens !== null && over(spend.tokens, budget.maxTokens);
  return overCost || overTokens;
}

// Under a dollar, cents would hide what a budget of fractions of a cent is about.
const usd = (micros: number) => `$${(micros / 1_000_000).toFixed(micros < 1_000_000 ? 4 : 2)}`;

/** The gate that asks a person to let a call go over its budget. */
export function budgetGate(scope: "task" | "stage", budget: Budget, spend: Spend): Gate {
  const limits = [
    budget.maxCostUsd !== null ? `${usd(spend.micros)} of ${usd(Math.round(budget.maxCostUsd * 1_000_000))}` : null,
    budget.maxTokens !== null ? `${spend.tokens.toLocaleString("en-US")} of ${budget.maxTokens.toLocaleString("en-US")} tokens` : null,
  ].filter(Boolean);
  return {
    kind: "budget",
    reason: `The ${scope === "task" ? "task's" : "stage's"} agent budget is used up (${limits.join(", ")}). Approve to let the agent go on.`,
    budget: { scope, spentUsd: spend.micros / 1_000_000, limitUsd: budget.maxCostUsd, spentTokens: spend.tokens, limitTokens: budget.maxTokens },
  };
}
