import "server-only";
import type { Db } from "@/db/client";
import type { ApplyResult, RecommendationStatus } from "@/db/schema/agents";
import type { Actor } from "@/lib/auth/actor";
import type { GuardrailResult } from "./catalog/schemas";
import type { EditDiff } from "./plan-diff";
import { type RecommendationView, listItemRecommendations } from "./review";
import { type Plan, planSchema } from "./types";

export type { ApplyResult, RecommendationStatus } from "@/db/schema/agents";

/**
 * What the item page's review panel shows of a recommendation: plans parsed, no server paths.
 * Plain data (dates included), so it crosses from the server page to the client panel as is.
 */
export type ReviewRecommendation = {
  id: string;
  status: RecommendationStatus;
  goal: string;
  intent: string | null;
  engine: string | null;
  model: string | null;
  /** The proposed plan, or null when none was stored or it no longer reads as a plan. */
  plan: Plan | null;
  patch: string | null;
  notes: string[];
  /** The stage's guardrail results: flags for the reviewer, or the block that made it an error. */
  guardrails: GuardrailResult[];
  baseCommit: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  error: string | null;
  autoApply: ApplyResult | null;
  editedPlan: Plan | null;
  editedPatch: string | null;
  editDiff: EditDiff | null;
  applyResult: ApplyResult | null;
  reviewerName: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
  canApply: boolean;
  canReview: boolean;
};

const asPlan = (v: unknown): Plan | null => {
  const parsed = planSchema.safeParse(v);
  return parsed.success ? parsed.data : null;
};

const asEditDiff = (v: unknown): EditDiff | null =>
  v && typeof v === "object" && Array.isArray((v as EditDiff).plan) ? (v as EditDiff) : null;

/** A review row as the panel reads it: stored JSON checked against the plan schema, the repository path dropped. */
export function toReviewRecommendation(r: RecommendationView): ReviewRecommendation {
  return {
    id: r.id,
    status: r.status,
    goal: r.goal,
    intent: r.intent,
    engine: r.engine,
    model: r.model,
    plan: asPlan(r.plan),
    patch: r.patch,
    notes: r.notes ?? [],
    guardrails: r.guardrails ?? [],
    baseCommit: r.baseCommit,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    latencyMs: r.latencyMs,
    error: r.error,
    autoApply: r.autoApply,
    editedPlan: asPlan(r.editedPlan),
    editedPatch: r.editedPatch,
    editDiff: asEditDiff(r.editDiff),
    applyResult: r.applyResult,
    reviewerName: r.reviewerName,
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    canApply: r.canApply,
    canReview: r.canReview,
  };
}

/** An item's recommendations for its page's review panel, newest first (one query). */
export async function listItemReview({ db, actor, itemId }: { db: Db; actor: Actor; itemId: string }): Promise<ReviewRecommendation[]> {
  return (await listItemRecommendations(db, actor, itemId)).map(toReviewRecommendation);
}
