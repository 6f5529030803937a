import { type SQL, and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { stages, teams, users, workItems, workflows } from "@/db/schema";
import { type Actor, permissionLevel } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { visibleWorkflowsWhere, workflowLevel } from "@/lib/auth/visibility";
import type { Visibility, WorkflowFilter } from "./schemas";

export type WorkflowListRow = Awaited<ReturnType<typeof listVisibleWorkflows>>[number];

const filters: Record<WorkflowFilter, (actor: Actor) => SQL | undefined> = {
  all: () => eq(workflows.isTemplate, false),
  mine: (actor) => and(eq(workflows.ownerUserId, actor.userId), eq(workflows.isTemplate, false)),
  team: () => and(eq(workflows.visibility, "team"), eq(workflows.isTemplate, false)),
  global: () => and(eq(workflows.visibility, "global"), eq(workflows.isTemplate, false)),
  templates: () => eq(workflows.isTemplate, true),
};

/** Workflows the actor can see, narrowed by a filter, newest first, with stage and open-item counts. */
export async function listVisibleWorkflows({
  db,
  actor,
  filter = "all",
  visibility,
}: {
  db: Db;
  actor: Actor;
  filter?: WorkflowFilter;
  /** Narrows further to one visibility (the template gallery's filter). */
  visibility?: Visibility;
}) {
  const owner = alias(users, "owner");
  const stageCounts = db
    .select({ workflowId: stages.workflowId, n: count().as("stage_count") })
    .from(stages)
    .where(isNull(stages.removedAt))
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
    .where(
      and(
        visibleWorkflowsWhere(actor),
        isNull(workflows.archivedAt),
        filters[filter](actor),
        visibility ? eq(workflows.visibility, visibility) : undefined,
      ),
    )
    .orderBy(desc(workflows.updatedAt), asc(workflows.name));
  return rows.map((r) => ({
    ...r,
    stageCount: Number(r.stageCount ?? 0),
    itemCount: Number(r.itemCount ?? 0),
    level: workflowLevel(actor, r),
  }));
}

/** Templates the actor can see, optionally of one visibility, each with its stage pipeline for a preview. */
export async function listTemplates({ db, actor, visibility }: { db: Db; actor: Actor; visibility?: Visibility }) {
  const rows = await listVisibleWorkflows({ db, actor, filter: "templates", visibility });
  const pipeline = rows.length
    ? await db
        .select({ workflowId: stages.workflowId, name: stages.name, type: stages.type })
        .from(stages)
        .where(and(inArray(stages.workflowId, rows.map((r) => r.id)), isNull(stages.removedAt)))
        .orderBy(asc(stages.position))
    : [];
  return rows.map((r) => ({ ...r, stages: pipeline.filter((s) => s.workflowId === r.id).map(({ name, type }) => ({ name, type })) }));
}

/** The teams in which the actor may add workflows (write access to `workflows.manage`). */
export function writableTeams(actor: Actor) {
  return actor.memberships
    .filter((m) => atLeast(permissionLevel(actor, "workflows.manage", m.teamId), "WRITE"))
    .map((m) => ({ id: m.teamId, name: m.teamName }));
}
