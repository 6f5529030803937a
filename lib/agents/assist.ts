import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type AgentRecommendation, type ApplyResult, agentRecommendations, stages, workItems, workflows } from "@/db/schema";
import { loadActor, permissionLevel } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { appendAudit } from "@/lib/audit/log";
import { definitionAt } from "@/lib/engine/runtime/definitions";
import { QUEUES, wake } from "@/lib/engine/runtime/queue";
import { maskSecrets } from "@/lib/secrets/store";
import { workflowSecrets } from "@/lib/secrets/workflow-secrets";
import { recordItemEvent } from "@/lib/work-items/events";
import { applyPatch } from "./apply";
import { assistGuardrails } from "./guardrails/assist";
import { assistGoal } from "./goal";
import { runPlan } from "./run-plan";
import { recordOutcome } from "./learning";

/**
 * Agent assist: an item entering an AGENT_ASSIST stage gets a recommendation (a plan, maybe a patch) from
 * the orchestrator, made by a job so a slow model never holds the move. The row is written `pending` in
 * the move's transaction with its wake-up; the job fills it in. An agent failure is stored on the row and
 * never blocks the item.
 */

/**
 * Inside the move's transaction: when `stageId` is an agent-assist stage, supersedes the item's open
 * recommendations and queues a new one. Does nothing for other stages.
 */
export async function queueAgentAssist(tx: Db, e: { item: { id: string; workflowId: string }; stageId: string }): Promise<string | null> {
  const [stage] = await tx.select({ type: stages.type, config: stages.config }).from(stages).where(eq(stages.id, e.stageId));
  if (stage?.type !== "AGENT_ASSIST") return null;
  const [item] = await tx.select({ title: workItems.title, description: workItems.description }).from(workItems).where(eq(workItems.id, e.item.id));
  if (!item) return null;
  await tx
    .update(agentRecommendations)
    .set({ status: "superseded", finishedAt: new Date() })
    .where(and(eq(agentRecommendations.workItemId, e.item.id), inArray(agentRecommendations.status, ["pending", "proposed"])));
  const [rec] = await tx
    .insert(agentRecommendations)
    .values({
      workflowId: e.item.workflowId,
      workItemId: e.item.id,
      stageId: e.stageId,
      goal: assistGoal(stage.config.agentPrompt ?? "", item),
      // Empty: a stage about no repository (writing, triage); the agent plans from the item alone.
      targetPath: stage.config.agentTargetPath?.trim() ?? ".",
      model: stage.config.agentModelHint?.trim() || null,
    })
    .returning({ id: agentRecommendations.id });
  await wake(tx, [{ name: QUEUES.agent, data: { recommendationId: rec!.id } }]);
  return rec!.id;
}

/** The secret that, when the workflow's owner or team stores it, is the key sent to the configured model. */
export const LLM_KEY_SECRET = "LLM_API_KEY";

/**
 * Wakes the job of every recommendation still pending (embedded start-up: no other process can be working
 * on one, so a pending row lost its worker in a crash). Repeats are harmless: the job skips decided rows.
 */
export async function rewakePendingRecommendations(db: Db): Promise<number> {
  const pending = await db.select({ id: agentRecommendations.id }).from(agentRecommendations).where(eq(agentRecommendations.status, "pending"));
  if (pending.length) await db.transaction((tx) => wake(tx, pending.map((p) => ({ name: QUEUES.agent, data: { recommendationId: p.id } }))));
  return pending.length;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * The job: runs the orchestrator for a pending recommendation, auto-applies its patch when the stage allows
 * it and the workflow's owner holds `code.edit`, then stores all of it (or why it could not) at once, so
 * nobody is offered a proposal that is still being applied. Idempotent: a row no longer pending is left alone.
 */
export async function runAgentAssist(db: Db, recommendationId: string): Promise<AgentRecommendation | null> {
  const [row] = await db
    .select({ rec: agentRecommendations, config: stages.config, wf: workflows, version: workItems.definitionVersion })
    .from(agentRecommendations)
    .innerJoin(stages, eq(stages.id, agentRecommendations.stageId))
    .innerJoin(workflows, eq(workflows.id, agentRecommendations.workflowId))
    .innerJoin(workItems, eq(workItems.id, agentRecommendations.workItemId))
    .where(eq(agentRecommendations.id, recommendationId));
  if (!row || row.rec.status !== "pending") return null;
  const { rec, config, wf } = row;

  let outcome: Partial<AgentRecommendation>;
  let known: string[] = [];
  let hold: string | null = null;
  try {
    const definition = await definitionAt(db, wf.id, row.version);
    const required = await workflowSecrets(db, wf.id, definition?.settings.requiredSecrets ?? []);
    if (required.missing) throw new Error(required.missing);
    const apiKey = (await workflowSecrets(db, wf.id, [LLM_KEY_SECRET])).values[LLM_KEY_SECRET] ?? null;
    known = [...Object.values(required.values), ...(apiKey ? [apiKey] : [])];
    const tags = definition?.stages.find((st) => st.id === rec.stageId)?.policyTags ?? [];
    const guard = await assistGuardrails(db, wf, tags, rec.goal);
    hold = guard.hold;
    const result = await runPlan(db, { apiKey, userId: wf.ownerUserId, recommendationId: rec.id, target: rec.targetPath ?? "", goal: rec.goal, modelHint: rec.model });
    const checked = guard.output({ plan: result.plan, patch: result.patch });
    if (checked.blocked) throw Object.assign(new Error(checked.blocked), { guardrails: checked.results });
    hold ??= checked.results.some((r) => r.verdict === "flag") ? "A guardrail flagged this proposal, so it was not applied automatically; review the flags." : null;
    outcome = {
      guardrails: checked.results,
      status: "proposed",
      repoRoot: result.repoRoot || null,
      intent: result.intent,
      engine: result.engine,
      model: result.model,
      plan: result.plan,
      patch: result.patch,
      baseCommit: result.baseCommit,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      latencyMs: result.latencyMs,
      notes: result.notes,
    };
  } catch (err) {
    const guardrails = (err as { guardrails?: AgentRecommendation["guardrails"] }).guardrails ?? [];
    outcome = { status: "error", error: maskSecrets(errorText(err), known), guardrails };
  }
  const autoApplies = outcome.status === "proposed" && config.agentAutoApply && outcome.patch;
  if (autoApplies && hold) outcome.notes = [...(outcome.notes ?? []), hold];
  const applied = autoApplies && !hold ? await autoApply(db, wf, outcome.patch!, outcome.repoRoot!, rec.workItemId) : null;
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .update(agentRecommendations)
      .set({ ...outcome, autoApply: applied, finishedAt: new Date() })
      .where(and(eq(agentRecommendations.id, rec.id), eq(agentRecommendations.status, "pending")))
      .returning();
    if (!stored) return null;
    if (applied) await recordApply(tx, stored, applied, { actorId: null, via: "auto" });
    // Open boards and the item's page follow the item feed: they show the outcome without a reload.
    await recordItemEvent(tx, { workflowId: rec.workflowId, workItemId: rec.workItemId, kind: "updated", actorId: null, details: { agent: stored.status } });
    return stored;
  });
}

/** Applies a fresh proposal's patch on the owner's behalf when the owner may edit code; says why not otherwise. */
async function autoApply(db: Db, wf: typeof workflows.$inferSelect, patch: string, repoRoot: string, itemId: string): Promise<ApplyResult> {
  const owner = await loadActor(db, wf.ownerUserId);
  if (!owner || !atLeast(permissionLevel(owner, "code.edit", wf.ownerTeamId), "WRITE")) {
    return { ok: false, error: "Auto-apply is on for this stage, but the workflow's owner does not hold code.edit, so the patch was not applied." };
  }
  return applyRecommendation(patch, repoRoot, itemId);
}

/** Applies a recommendation's patch on a new branch and says how it went, never throwing: the outcome is stored. */
export async function applyRecommendation(patch: string, repoRoot: string, itemId: string, author?: { name: string; email: string }): Promise<ApplyResult> {
  try {
    const applied = await applyPatch(patch, repoRoot, { message: `Apply agent recommendation for work item ${itemId}`, author });
    return { ok: true, branch: applied.branch, commit: applied.commit, files: applied.files };
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
}

/**
 * Records an apply (automatic or by a reviewer): learning, the audit row, and the
 * `agent.apply.success|failure` event that triggers listen to.
 */
export async function recordApply(
  tx: Db,
  rec: AgentRecommendation,
  result: ApplyResult,
  by: { actorId: string | null; via: "auto" | "review"; requestId?: string },
): Promise<void> {
  await recordOutcome(tx, {
    userId: by.actorId,
    intent: rec.intent ?? "feature",
    engine: rec.engine ?? "builtin",
    kind: result.ok ? "apply_success" : "apply_failure",
    recommendationId: rec.id,
  });
  await appendAudit(tx, {
    actorId: by.actorId,
    action: by.via === "auto" ? "agent.auto_apply" : "agent.apply",
    targetType: "agent_recommendation",
    targetId: rec.id,
    outcome: result.ok ? "success" : "failure",
    requestId: by.requestId,
    details: { workflowId: rec.workflowId, workItemId: rec.workItemId, ...(result.ok ? { branch: result.branch, commit: result.commit, files: result.files } : { error: result.error }) },
  });
  await announceApply(tx, result, {
    eventId: `${rec.id}:${by.via}`,
    workflowId: rec.workflowId,
    workItemId: rec.workItemId,
    stageId: rec.stageId,
    recommendationId: rec.id,
  });
}

/**
 * Sends `agent.apply.success|failure` about an item, in the transaction that recorded the apply: the event
 * triggers listen to. `eventId` makes a redelivery a duplicate.
 */
export async function announceApply(
  tx: Db,
  result: ApplyResult,
  about: { eventId: string; workflowId: string; workItemId: string; stageId: string } & Record<string, string>,
): Promise<void> {
  const outcome = result.ok ? { branch: result.branch, commit: result.commit, files: result.files } : { error: result.error };
  await wake(tx, [{ name: QUEUES.event, data: { type: result.ok ? "agent.apply.success" : "agent.apply.failure", ...about, ...outcome } }]);
}
