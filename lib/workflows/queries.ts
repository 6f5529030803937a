import { type SQL, and, asc, count, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { stages, teams, users, workItems, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { visibleWorkflowsWhere, workflowLevel } from "@/lib/auth/visibility";
import type { WorkflowFilter } from "./schemas";

export type WorkflowListRow = Awaited<ReturnType<typeof listVisibleWorkflows>>[number];

const filters: Record<WorkflowFilter, (actor: Actor) => SQL | undefined> = {
  all: () => eq(workflows.isTemplate, false),
  mine: (actor) => and(eq(workflows.ownerUserId, actor.userId), eq(workflows.isTemplate, false)),
  team: () => and(eq(workflows.visibility, "team"), eq(workflows.isTemplate, false)),
  global: () => and(eq(workflows.visibility, "global"), eq(workflows.isTemplate, false)),
  templates: () => eq(workflows.isTemplate, true),
};

/** Workflows the actor can see, narrowed by a filter, newest first, with stage and open-item counts. */
export async function listVisibleWorkflows({ db, actor, filter = "all" }: { db: Db; actor: Actor; filter?: WorkflowFilter }) {
  const owner = alias(users, "owner");
  const stageCounts = db
    .select({ workflowId: stages.workflowId, n: count().as("stage_count") })
    .from(stages)
    .groupBy(stages.workflowId)
    .as("stage_counts");
  const itemCounts = db
    .select({ workflowId: workItems.workflowId, n: count().as("item_count") })
    .from(workItems)
    .where(isNull(workItems.archivedAt))
    .groupBy(workItems.workflowId)
    .as("item_counts");
  const rows = await db
    .select({
      id: workflows.id,
      name: workflows.name,
      description: workflows.description,
      visibility: workflows.visibility,
      isTemplate: workflows.isTemplate,
      ownerUserId: workflows.ownerUserId,
      ownerTeamId: workflows.ownerTeamId,
      ownerName: owner.name,
      teamName: teams.name,
      updatedAt: workflows.updatedAt,
      stageCount: stageCounts.n,
      itemCount: itemCounts.n,
    })
    .from(workflows)
    .innerJoin(owner, eq(owner.id, workflows.ownerUserId))
    .leftJoin(teams, eq(teams.id, workflows.ownerTeamId))
    .leftJoin(stageCounts, eq(stageCounts.workflowId, workflows.id))
    .leftJoin(itemCounts, eq(itemCounts.workflowId, workflows.id))
    .where(and(visibleWorkflowsWhere(actor), isNull(workflows.archivedAt), filters[filter](actor)))
    .orderBy(desc(workflows.updatedAt), asc(workflows.name));
  return rows.map((r) => ({
    ...r,
    stageCount: Number(r.stageCount ?? 0),
    itemCount: Number(r.itemCount ?? 0),
    level: workflowLevel(actor, r),
  }));
}
