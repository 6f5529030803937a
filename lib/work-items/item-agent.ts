import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type RecommendationStatus, agentRecommendations, workItems } from "@/db/schema";

/** What a board card knows of the agent's latest recommendation for its item in the current stage. */
export type CardAgent = { status: "pending" | "proposed" | "error"; error: string | null };

const SHOWN: ReadonlySet<RecommendationStatus> = new Set(["pending", "proposed", "error"]);
const CARD_ERROR_CHARS = 200;

/**
 * The latest recommendation of each open item of a workflow in the stage the item is in now (optionally
 * only `itemIds`), keyed by item id, when someone should notice it: the agent is working, a plan waits for
 * review, or the agent failed. The caller has checked the actor can read the workflow.
 */
export async function latestStageRecommendations(db: Db, workflowId: string, itemIds?: string[]): Promise<Map<string, CardAgent>> {
  if (itemIds && itemIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([agentRecommendations.workItemId], { itemId: agentRecommendations.workItemId, status: agentRecommendations.status, error: agentRecommendations.error })
    .from(agentRecommendations)
    .innerJoin(workItems, and(eq(workItems.id, agentRecommendations.workItemId), eq(workItems.stageId, agentRecommendations.stageId)))
    .where(and(eq(agentRecommendations.workflowId, workflowId), isNull(workItems.archivedAt), itemIds ? inArray(agentRecommendations.workItemId, itemIds) : undefined))
    .orderBy(agentRecommendations.workItemId, desc(agentRecommendations.createdAt), desc(agentRecommendations.id));
  const out = new Map<string, CardAgent>();
  for (const r of rows) {
    if (!SHOWN.has(r.status)) continue;
    out.set(r.itemId, { status: r.status as CardAgent["status"], error: r.status === "error" ? (r.error ?? "").slice(0, CARD_ERROR_CHARS) : null });
  }
  return out;
}
