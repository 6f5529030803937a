import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runs, workflows } from "@/db/schema";
import type { Gate, GuardrailResult, TranscriptEntry, Usage } from "@/lib/agents/catalog/schemas";
import type { LlmState, ToolDecision } from "@/lib/agents/catalog/llm-runner";
import { approvalRequired, blockReason, checkInput, checkOutput } from "@/lib/agents/guardrails/checks";
import type { Budget, ExecutorOf, Task } from "@/lib/engine/graph-schema";
import { type HttpPolicy, httpPolicyFromEnv } from "@/lib/engine/executors/http";
import { type ExecutorContext, TaskError, TaskWait } from "@/lib/engine/executors/types";
import { requirePinnedStage } from "@/lib/engine/runtime/definitions";
import { ownerSecretValues, resolveMany } from "@/lib/secrets/store";
import { type CallIdentity, type CallRow, openCall, saveCall } from "./call-store";
import { type AgentRequest, type KindResult, callBuiltin, callHttpAgent, callLlmAgent } from "./kinds";
import { type PinnedAgent, pinAgent } from "./pins";
import { checksForTags } from "./policies";
import { type BudgetScope, budgetGate, costMicros, overBudget, overrunApproved, spendOf } from "./spend";
import { toolsFor } from "./tools";

/**
 * One agent task's call, the way the worker runs it: the agent bound to the task's role (pinned for the
 * run), the guardrails its tags and its stage's tags bring in, the budget, and the transcript left on the
 * task run. A call that needs a person (an approval guardrail, a budget passed, a tool that requires
 * approval) returns a `TaskWait`; once decided, the task is queued again and this continues the same call.
 */

export type AgentTaskCall = { db: Db; ctx: ExecutorContext; task: Task; executor: ExecutorOf<"agent">; policy?: HttpPolicy };

type Setting = {
  db: Db;
  ctx: ExecutorContext;
  policy: HttpPolicy;
  who: CallIdentity;
  pinned: PinnedAgent | null;
  secretValues: string[];
  owner: { userId: string | null; teamId: string | null };
  wf: { visibility: "personal" | "team" | "global"; ownerTeamId: string | null; ownerUserId: string };
  req: AgentRequest;
  budgets: { scope: BudgetScope; limit: Budget }[];
  /** Each budget's spend before this call, read once by `prepareBudgets`. */
  before: { scope: "task" | "stage"; limit: Budget; micros: number; tokens: number; approved: boolean }[];
};

async function runFacts(db: Db, runId: string) {
  const [row] = await db
    .select({ run: runs, wf: { ownerUserId: workflows.ownerUserId, ownerTeamId: workflows.ownerTeamId, visibility: workflows.visibility } })
    .from(runs)
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(eq(runs.id, runId));
  if (!row) throw new TaskError("The run no longer exists.", { retryable: false });
  return row;
}

/** Runs (or continues) an agent task's call; the output, a TaskWait, or a TaskError. */
export async function runAgentTaskCall({ db, ctx, task, executor, policy }: AgentTaskCall): Promise<unknown> {
  const { run, wf } = await runFacts(db, ctx.runId);
  const stage = (await requirePinnedStage(db, run)).stage;
  const open = await openCall(db, ctx.taskRunId, ctx.iteration);
  const roleId = executor.role.trim();
  const pinned = await pinAgent(db, { runId: run.id, workflowId: run.workflowId, roleId });
  if (pinned?.agent.archivedAt && !open) {
    throw new TaskError(`The agent “${pinned.agent.name}” bound to role “${roleId}” is archived; bind another in the workflow's agents.`, { retryable: false });
  }
  const owner = { userId: wf.ownerUserId, teamId: wf.ownerTeamId };
  const s: Setting = {
    db,
    ctx,
    policy: policy ?? httpPolicyFromEnv(),
    owner,
    wf,
    pinned,
    secretValues: await ownerSecretValues(db, owner),
    who: {
      workflowId: run.workflowId,
      runId: run.id,
      taskRunId: ctx.taskRunId,
      iteration: ctx.iteration,
      roleId,
      catalogAgentId: pinned?.agent.id ?? null,
      agentVersion: pinned?.version.version ?? null,
      engine: pinned ? pinned.agent.kind : "builtin",
    },
    req: {
      agentName: pinned?.agent.name ?? "Builtin planner",
      role: roleId,
      taskKey: task.id,
      taskName: task.name || task.id,
      prompt: executor.prompt ?? "",
      modelHint: executor.modelHint,
      input: ctx.input,
      outputSchema: task.outputSchema,
    },
    before: [],
    budgets: [
      ...(task.budget ? [{ scope: { scope: "task" as const, taskRunId: ctx.taskRunId }, limit: task.budget }] : []),
      ...(stage.budget ? [{ scope: { scope: "stage" as const, runId: run.id }, limit: stage.budget }] : []),
    ],
  };
  const { checks, unknown } = await checksForTags(db, wf, [...task.policyTags, ...stage.policyTags]);
  const notes: TranscriptEntry[] = unknown.map((t) => ({ type: "note", text: `Policy tag “${t}” names no guardrail policy; nothing was checked for it.` }));

  let guardrails: GuardrailResult[] = open?.guardrails ?? [];
  /** What the transcript starts with before the agent's own part: notes, or what happened before a pause. */
  let lead: TranscriptEntry[] = open ? [] : notes;
  let decision: ToolDecision | undefined;
  let state: LlmState | undefined;
  if (open) {
    const gate = open.gate!;
    const d = gate.decision;
    if (!d) return new TaskWait(gate.reason, { gate: gate.kind });
    const decided: TranscriptEntry = { type: "decision", gate: gate.kind, approve: d.approve, by: d.by, comment: d.comment };
    if (!d.approve && gate.kind !== "tool") {
      const transcript = [...(open.transcript ?? []), decided];
      const error = `Denied by ${d.by}${d.comment ? `: ${d.comment}` : "."}`;
      await saveCall(db, open.id, s.who, { ...recordOf(open), status: "denied", transcript, error, state: null }, s.secretValues);
      throw new TaskError(error, { retryable: false });
    }
    if (gate.kind === "tool") {
      // The runner records the decision in the transcript where the tool call stands.
      decision = { toolCallId: gate.tool!.id, approve: d.approve, by: d.by, comment: d.comment };
      state = open.state as LlmState;
    } else if (open.state) {
      const paused = open.state as LlmState;
      state = { ...paused, transcript: [...paused.transcript, decided] };
    } else {
      lead = [...(open.transcript ?? []), decided];
    }
  } else {
    guardrails = checkInput(checks, { input: ctx.input, secretValues: s.secretValues });
    const blocked = blockReason(guardrails);
    if (blocked) {
      await saveCall(db, null, s.who, { ...emptyRecord(), status: "blocked", guardrails, error: blocked, transcript: notes }, s.secretValues);
      throw new TaskError(blocked, { retryable: false, details: { guardrails } });
    }
    const approval = approvalRequired(checks);
    if (approval) return pause(s, null, { kind: "guardrail", reason: approval.reason }, { transcript: notes, guardrails });
    await prepareBudgets(s);
    const budgetPause = firstOver(s);
    if (budgetPause) return pause(s, null, budgetPause, { transcript: notes, guardrails });
  }

  if (open) await prepareBudgets(s, open.id);
  const started = performance.now();
  const prior = open ? recordOf(open) : null;
  let result: KindResult;
  try {
    result = await callKind(s, state, decision);
  } catch (err) {
    const e = err instanceof TaskError ? err : new TaskError(err instanceof Error ? err.message : String(err));
    const carried = ((e.details as { transcript?: TranscriptEntry[] } | undefined)?.transcript ?? []) as TranscriptEntry[];
    await saveCall(
      db,
      open?.id ?? null,
      s.who,
      { ...(prior ?? emptyRecord()), status: "failed", error: e.message, transcript: [...(open ? (prior?.transcript ?? []) : notes), ...carried], guardrails, latencyMs: (prior?.latencyMs ?? 0) + (performance.now() - started), state: null },
      s.secretValues,
    );
    throw new TaskError(e.message, { retryable: e.retryable });
  }
  const latencyMs = (prior?.latencyMs ?? 0) + (performance.now() - started);
  if (result.status === "paused") {
    const gate: Gate =
      result.reason === "tool"
        ? { kind: "tool", reason: `The agent wants to call the tool “${result.toolCall!.name}”, which needs a person's approval.`, tool: result.toolCall }
        : (firstOver(s, result.state.usage) ?? { kind: "budget", reason: "The agent's budget is used up. Approve to let it go on." });
    return pause(s, open?.id ?? null, gate, {
      transcript: result.state.transcript,
      guardrails,
      state: result.state,
      usage: result.state.usage,
      model: result.model,
      latencyMs,
    });
  }
  const usage = result.usage;
  const outputResults = checkOutput(checks, { input: ctx.input, output: result.output, secretValues: s.secretValues });
  guardrails = [...guardrails.filter((g) => g.phase === "input"), ...outputResults];
  const blocked = blockReason(outputResults);
  const transcript = [...lead, ...result.transcript];
  await saveCall(
    db,
    open?.id ?? null,
    s.who,
    {
      status: blocked ? "blocked" : "ok",
      model: result.model,
      usage,
      costMicros: costMicros(usage, pricingOf(s)),
      latencyMs,
      transcript,
      guardrails,
      error: blocked,
      state: null,
    },
    s.secretValues,
  );
  if (blocked) throw new TaskError(blocked, { retryable: false, details: { guardrails } });
  return result.output;
}

const emptyRecord = () => ({
  status: "failed" as const,
  model: null,
  usage: { inputTokens: 0, outputTokens: 0 },
  costMicros: 0,
  latencyMs: 0,
  transcript: [] as TranscriptEntry[],
  guardrails: [] as GuardrailResult[],
});

function recordOf(row: CallRow) {
  return {
    status: row.status ?? "failed",
    model: row.model,
    usage: { inputTokens: row.inputTokens, outputTokens: row.outputTokens },
    costMicros: row.costMicros,
    latencyMs: row.latencyMs,
    transcript: row.transcript ?? [],
    guardrails: row.guardrails ?? [],
    gate: row.gate,
    state: row.state,
  };
}

const pricingOf = (s: Setting) => {
  const c = s.pinned?.version.config;
  return c && c.kind !== "builtin" ? c.pricing : undefined;
};

/** Stores the call as waiting for a person and tells the worker to park the task. */
async function pause(
  s: Setting,
  id: number | null,
  gate: Gate,
  r: { transcript: TranscriptEntry[]; guardrails: GuardrailResult[]; state?: LlmState; usage?: Usage; model?: string | null; latencyMs?: number },
): Promise<TaskWait> {
  const usage = r.usage ?? { inputTokens: 0, outputTokens: 0 };
  await saveCall(
    s.db,
    id,
    s.who,
    { status: "waiting", model: r.model ?? null, usage, costMicros: costMicros(usage, pricingOf(s)), latencyMs: r.latencyMs ?? 0, transcript: r.transcript, guardrails: r.guardrails, gate, state: r.state ?? null },
    s.secretValues,
  );
  return new TaskWait(gate.reason, { gate: gate.kind, ...(gate.tool ? { tool: gate.tool.name } : {}) });
}

/** Reads each budget's spend before this call (leaving out the call itself) and whether a person let it go over. */
async function prepareBudgets(s: Setting, exceptId?: number): Promise<void> {
  s.before = [];
  for (const b of s.budgets) {
    const spent = await spendOf(s.db, b.scope, exceptId);
    s.before.push({ scope: b.scope.scope, limit: b.limit, ...spent, approved: await overrunApproved(s.db, b.scope) });
  }
}

/**
 * The first budget the spend before this call has reached, or (with `usage`, during the call) that the
 * call has gone beyond, unless a person already let it.
 */
function firstOver(s: Setting, usage?: Usage): Gate | null {
  const extra = usage ? { micros: costMicros(usage, pricingOf(s)), tokens: usage.inputTokens + usage.outputTokens } : { micros: 0, tokens: 0 };
  for (const b of s.before) {
    const total = { micros: b.micros + extra.micros, tokens: b.tokens + extra.tokens };
    if (!b.approved && overBudget(b.limit, total, usage !== undefined)) return budgetGate(b.scope, b.limit, total);
  }
  return null;
}

async function callKind(s: Setting, state?: LlmState, decision?: ToolDecision): Promise<KindResult> {
  const cfg = s.pinned?.version.config;
  if (!cfg || cfg.kind === "builtin") return callBuiltin(s.req);
  const secretName = cfg.kind === "http" ? cfg.authSecret : cfg.apiKeySecret || "LLM_API_KEY";
  const found = secretName ? await resolveMany(s.db, s.owner, [secretName]) : new Map<string, string>();
  const secret = secretName ? (found.get(secretName) ?? null) : null;
  if (cfg.kind === "http") {
    if (cfg.authSecret && !secret) {
      throw new TaskError(`Agent “${s.req.agentName}” needs the secret “${cfg.authSecret}”, which this workflow's owner has not set. Add it in Settings → Secrets.`, { retryable: false });
    }
    return callHttpAgent(cfg, s.req, { ctx: s.ctx, policy: s.policy, authToken: secret });
  }
  if (cfg.apiKeySecret && !secret) {
    throw new TaskError(`Agent “${s.req.agentName}” needs the secret “${cfg.apiKeySecret}”, which this workflow's owner has not set. Add it in Settings → Secrets.`, { retryable: false });
  }
  const apiKey = secret ?? (process.env.TANDEM_LLM_API_KEY?.trim() || null);
  const tools = await toolsFor(s.db, cfg, { policy: s.policy, ctx: s.ctx, who: s.who, secretValues: s.secretValues, owner: s.owner, wf: s.wf, req: s.req });
  // A stored key is also a secret value: mask it wherever the call writes.
  if (apiKey && !s.secretValues.includes(apiKey)) s.secretValues.push(apiKey);
  return callLlmAgent(cfg, s.req, {
    apiKey,
    policy: s.policy,
    signal: s.ctx.signal,
    tools: tools.specs,
    executeTool: tools.execute,
    state,
    decision,
    // Asked after every model round: the spend before the call was read up front, so this adds the round's usage.
    overBudget: s.before.length ? (usage) => firstOver(s, usage) !== null : undefined,
  });
}
