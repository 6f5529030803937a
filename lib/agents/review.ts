import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type AgentRecommendation, type ApplyResult, agentRecommendations, users } from "@/db/schema";
import { type Actor, permissionLevel } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { appendAudit } from "@/lib/audit/log";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireItem } from "@/lib/work-items/access";
import { recordItemEvent } from "@/lib/work-items/events";
import { applyRecommendation, queueAgentAssist, recordApply } from "./assist";
import { editDiff } from "./plan-diff";
import { recordOutcome } from "./learning";
import { type Plan, planSchema } from "./types";

/**
 * People decide on what the agent proposed: accept (applying the patch when they hold `code.edit`),
 * edit then accept (the difference is kept), or reject with a reason. Every decision is audited and
 * feeds learning; a decision is taken once, by a conditional update on the status.
 */

const recId = z.string().uuid("That is not a recommendation id.");
const MAX_PATCH = 1024 * 1024;

export const acceptInput = z.object({
  id: recId,
  /** An edited plan (an object or its JSON text); absent: the proposal as it is. */
  plan: z.union([planSchema, z.string()]).optional(),
  /** An edited patch; "" removes it. */
  patch: z.string().max(MAX_PATCH, "A patch must be under 1 MB.").optional(),
  /** False accepts the plan without applying the patch. */
  apply: z.boolean().default(true),
});
export const rejectInput = z.object({
  id: recId,
  reason: z.string().trim().min(1, "Say why you reject it: the agent learns from it and your team reads it.").max(2000),
});

export type RecommendationView = AgentRecommendation & { reviewerName: string | null; canApply: boolean; canReview: boolean };

/** Loads a recommendation the actor can see (through its item) at the level asked; else NotFound. */
async function requireRecommendation(db: Db, actor: Actor, id: string, level: "READ" | "WRITE") {
  if (!recId.safeParse(id).success) throw new NotFound("The recommendation");
  const [rec] = await db.select().from(agentRecommendations).where(eq(agentRecommendations.id, id));
  if (!rec) throw new NotFound("The recommendation");
  try {
    const { workflow } = await requireItem(db, actor, rec.workItemId, "READ");
    if (level === "WRITE") await requireItem(db, actor, rec.workItemId, "WRITE");
    return { rec, workflow };
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound("The recommendation");
    throw err;
  }
}

/** True when the actor may apply patches for this workflow's team (`code.edit` WRITE). */
export function canEditCode(actor: Actor, ownerTeamId: string | null): boolean {
  return atLeast(permissionLevel(actor, "code.edit", ownerTeamId), "WRITE");
}

/** An item's recommendations, newest first, with what the actor may do with each. */
export async function listItemRecommendations(db: Db, actor: Actor, itemId: string): Promise<RecommendationView[]> {
  const { workflow } = await requireItem(db, actor, itemId, "READ");
  const rows = await db
    .select({ rec: agentRecommendations, reviewerName: users.name })
    .from(agentRecommendations)
    .leftJoin(users, eq(users.id, agentRecommendations.reviewerId))
    .where(eq(agentRecommendations.workItemId, itemId))
    .orderBy(desc(agentRecommendations.createdAt))
    .limit(20);
  const canReview = atLeast(workflow.level, "WRITE");
  const canApply = canReview && canEditCode(actor, workflow.ownerTeamId);
  return rows.map((r) => ({ ...r.rec, reviewerName: r.reviewerName, canReview, canApply }));
}

function parsePlan(value: Plan | string): Plan {
  if (typeof value !== "string") return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (err) {
    throw new Invalid(`The plan is not valid JSON: ${(err as Error).message}`, { plan: ["Not valid JSON."] });
  }
  return parseInput(planSchema, parsed);
}

function whyNotOpen(rec: AgentRecommendation): Conflict {
  const what: Record<string, string> = {
    pending: "The agent is still working on this recommendation.",
    error: "The agent could not make this recommendation; ask it again instead.",
    accepted: "This recommendation was already accepted.",
    rejected: "This recommendation was already rejected.",
    superseded: "A newer recommendation replaced this one.",
  };
  return new Conflict(what[rec.status] ?? "This recommendation cannot be decided now.");
}

/**
 * Accepts a proposal, maybe edited. With a patch, `apply` and `code.edit` it is applied on a new branch
 * first; if that fails the proposal stays open (so it can be edited and tried again) and the failure is
 * recorded. Without `code.edit` the plan is accepted and the patch left for someone who may apply it.
 */
export async function acceptRecommendation(db: Db, actor: Actor, input: unknown): Promise<{ recommendation: AgentRecommendation; applied: ApplyResult | null }> {
  const data = parseInput(acceptInput, input);
  const { rec, workflow } = await requireRecommendation(db, actor, data.id, "WRITE");
  if (rec.status !== "proposed") throw whyNotOpen(rec);
  const proposed = planSchema.parse(rec.plan);
  const plan = data.plan === undefined ? proposed : parsePlan(data.plan);
  const patch = data.patch === undefined ? rec.patch : data.patch.trim() ? data.patch : null;
  const diff = editDiff({ plan: proposed, patch: rec.patch }, { plan, patch });
  if (patch && data.apply && !rec.repoRoot && canEditCode(actor, workflow.ownerTeamId)) {
    throw new Invalid("This recommendation is about no repository, so its patch has nowhere to go. Accept the plan without applying it.", { patch: ["No repository to apply it to."] });
  }
  // An auto-applied patch is on its branch already: accepting records the decision, it does not apply twice.
  const alreadyApplied = rec.autoApply?.ok === true && patch === rec.patch;
  const willApply = Boolean(patch && rec.repoRoot) && data.apply && !alreadyApplied && canEditCode(actor, workflow.ownerTeamId);

  // Claim the decision first, so two reviewers never apply the same patch twice.
  const [claimed] = await db
    .update(agentRecommendations)
    .set({ status: "accepted", reviewerId: actor.userId, decidedAt: new Date(), editedPlan: diff ? plan : null, editedPatch: diff ? patch : null, editDiff: diff })
    .where(and(eq(agentRecommendations.id, rec.id), eq(agentRecommendations.status, "proposed")))
    .returning();
  if (!claimed) throw whyNotOpen((await db.select().from(agentRecommendations).where(eq(agentRecommendations.id, rec.id)))[0] ?? rec);

  const applied: ApplyResult | null = willApply
    ? await applyRecommendation(patch!, rec.repoRoot!, rec.workItemId, { name: actor.name, email: actor.email })
    : null;
  const recommendation = await db.transaction(async (tx) => {
    const failed = applied && !applied.ok;
    const [stored] = await tx
      .update(agentRecommendations)
      .set(failed ? { status: "proposed", reviewerId: null, decidedAt: null, applyResult: applied } : { applyResult: applied })
      .where(eq(agentRecommendations.id, rec.id))
      .returning();
    if (!failed) {
      await recordOutcome(tx, { userId: actor.userId, intent: rec.intent ?? "feature", engine: rec.engine ?? "builtin", kind: diff ? "edited" : "accepted", recommendationId: rec.id });
      await appendAudit(tx, {
        actorId: actor.userId,
        action: diff ? "agent.recommendation.edit_accept" : "agent.recommendation.accept",
        targetType: "agent_recommendation",
        targetId: rec.id,
        requestId: actor.requestId,
        details: { workflowId: rec.workflowId, workItemId: rec.workItemId, edits: diff, applied: Boolean(applied?.ok) },
      });
    }
    if (applied) await recordApply(tx, stored!, applied, { actorId: actor.userId, via: "review", requestId: actor.requestId });
    await recordItemEvent(tx, { workflowId: rec.workflowId, workItemId: rec.workItemId, kind: "updated", actorId: actor.userId, details: { agent: stored!.status } });
    return stored!;
  });
  return { recommendation, applied };
}

/** Rejects a proposal with the reason, which the team reads and learning counts. */
export async function rejectRecommendation(db: Db, actor: Actor, input: unknown): Promise<AgentRecommendation> {
  const data = parseInput(rejectInput, input);
  const { rec } = await requireRecommendation(db, actor, data.id, "WRITE");
  if (rec.status !== "proposed") throw whyNotOpen(rec);
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .update(agentRecommendations)
      .set({ status: "rejected", reviewerId: actor.userId, decidedAt: new Date(), decisionReason: data.reason })
      .where(and(eq(agentRecommendations.id, rec.id), eq(agentRecommendations.status, "proposed")))
      .returning();
    if (!stored) throw new Conflict("Someone decided on this recommendation a moment ago.");
    await recordOutcome(tx, { userId: actor.userId, intent: rec.intent ?? "feature", engine: rec.engine ?? "builtin", kind: "rejected", recommendationId: rec.id });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "agent.recommendation.reject",
      targetType: "agent_recommendation",
      targetId: rec.id,
      requestId: actor.requestId,
      details: { workflowId: rec.workflowId, workItemId: rec.workItemId, reason: data.reason },
    });
    await recordItemEvent(tx, { workflowId: rec.workflowId, workItemId: rec.workItemId, kind: "updated", actorId: actor.userId, details: { agent: "rejected" } });
    return stored;
  });
}

/** Asks the agent again for an item in an agent-assist stage (after an error, or for a fresh look). */
export async function requestRecommendation(db: Db, actor: Actor, itemId: string): Promise<string> {
  const { item } = await requireItem(db, actor, itemId, "WRITE");
  return db.transaction(async (tx) => {
    const id = await queueAgentAssist(tx, { item, stageId: item.stageId });
    if (!id) throw new Conflict("This item is not in an agent-assist stage.");
    await appendAudit(tx, { actorId: actor.userId, action: "agent.recommendation.request", targetType: "work_item", targetId: item.id, requestId: actor.requestId, details: { recommendationId: id } });
    await recordItemEvent(tx, { workflowId: item.workflowId, workItemId: item.id, kind: "updated", actorId: actor.userId, details: { agent: "pending" } });
    return id;
  });
}
