import { and, asc, eq, gte, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentCalls, catalogAgents, taskRuns } from "@/db/schema";
import type { Gate, GuardrailResult, TranscriptEntry } from "@/lib/agents/catalog/schemas";
import type { Actor } from "@/lib/auth/actor";
import { requireRun } from "@/lib/runs/access";
import { requireWorkflow } from "@/lib/workflows/access";

/**
 * Read models of agent calls for pages and the API: a run's calls with their transcripts (stored with
 * secrets already masked), and spend per task, run and workflow. Access is the run's or workflow's.
 */

export type AgentCallView = {
  id: number;
  taskKey: string;
  iteration: number;
  roleId: string | null;
  agent: { id: string; name: string; version: number | null } | null;
  engine: string;
  model: string | null;
  status: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  error: string | null;
  transcript: TranscriptEntry[];
  guardrails: GuardrailResult[];
  /** Set while the call waits for a person, and kept (with the decision) after. */
  gate: Gate | null;
  at: string;
};

/** Every agent call of a run the actor can see, in order, with transcripts and guardrail results. */
export async function listRunAgentCalls(db: Db, actor: Actor, runId: string): Promise<AgentCallView[]> {
  const { run } = await requireRun(db, actor, runId, "READ");
  const rows = await db
    .select({ c: agentCalls, taskKey: taskRuns.taskKey, agentName: catalogAgents.name })
    .from(agentCalls)
    .innerJoin(taskRuns, eq(taskRuns.id, agentCalls.taskRunId))
    .leftJoin(catalogAgents, eq(catalogAgents.id, agentCalls.catalogAgentId))
    .where(eq(agentCalls.runId, run.id))
    .orderBy(asc(agentCalls.id));
  return rows.map(({ c, taskKey, agentName }) => ({
    id: c.id,
    taskKey,
    iteration: c.iteration ?? 1,
    roleId: c.roleId,
    agent: c.catalogAgentId ? { id: c.catalogAgentId, name: agentName ?? "(deleted agent)", version: c.agentVersion } : null,
    engine: c.engine,
    model: c.model,
    status: c.status ?? (c.ok ? "ok" : "failed"),
    inputTokens: c.inputTokens,
    outputTokens: c.outputTokens,
    costUsd: c.costMicros / 1_000_000,
    latencyMs: c.latencyMs,
    error: c.error,
    transcript: c.transcript ?? [],
    guardrails: c.guardrails ?? [],
    gate: c.gate ?? null,
    at: c.at.toISOString(),
  }));
}

export type Spend = { calls: number; inputTokens: number; outputTokens: number; costUsd: number };

const spendColumns = {
  calls: sql<string>`count(*)`,
  inputTokens: sql<string>`coalesce(sum(${agentCalls.inputTokens}), 0)`,
  outputTokens: sql<string>`coalesce(sum(${agentCalls.outputTokens}), 0)`,
  micros: sql<string>`coalesce(sum(${agentCalls.costMicros}), 0)`,
};

const toSpend = (r: { calls: string; inputTokens: string; outputTokens: string; micros: string } | undefined): Spend => ({
  calls: Number(r?.calls ?? 0),
  inputTokens: Number(r?.inputTokens ?? 0),
  outputTokens: Number(r?.outputTokens ?? 0),
  costUsd: Number(r?.micros ?? 0) / 1_000_000,
});

/** A run's agent spend in total and per task. */
export async function runSpend(db: Db, actor: Actor, runId: string): Promise<{ total: Spend; byTask: Record<string, Spend> }> {
  const { run } = await requireRun(db, actor, runId, "READ");
  const rows = await db
    .select({ taskKey: taskRuns.taskKey, ...spendColumns })
    .from(agentCalls)
    .innerJoin(taskRuns, eq(taskRuns.id, agentCalls.taskRunId))
    .where(eq(agentCalls.runId, run.id))
    .groupBy(taskRuns.taskKey);
  const byTask = Object.fromEntries(rows.map((r) => [r.taskKey, toSpend(r)]));
  const total = Object.values(byTask).reduce<Spend>(
    (a, b) => ({ calls: a.calls + b.calls, inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, costUsd: a.costUsd + b.costUsd }),
    { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
  );
  return { total, byTask };
}

/** A workflow's agent spend since `since` (all time when absent): task-graph calls and agent-assist calls alike. */
export async function workflowSpend(db: Db, actor: Actor, workflowId: string, since?: Date): Promise<Spend & { byAgent: (Spend & { agentId: string; name: string })[] }> {
  const wf = await requireWorkflow(db, actor, workflowId, "READ");
  const where = and(eq(agentCalls.workflowId, wf.id), since ? gte(agentCalls.at, since) : undefined);
  const [total] = await db.select(spendColumns).from(agentCalls).where(where);
  const byAgent = await db
    .select({ agentId: agentCalls.catalogAgentId, name: catalogAgents.name, ...spendColumns })
    .from(agentCalls)
    .innerJoin(catalogAgents, eq(catalogAgents.id, agentCalls.catalogAgentId))
    .where(and(where, isNotNull(agentCalls.catalogAgentId)))
    .groupBy(agentCalls.catalogAgentId, catalogAgents.name);
  return { ...toSpend(total), byAgent: byAgent.map((r) => ({ agentId: r.agentId!, name: r.name, ...toSpend(r) })) };
}
