import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { stages, teams, users, workItemComments, workItemTransitions, workItems } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireWorkflow } from "@/lib/workflows/access";
import { listLiveStages } from "@/lib/workflows/stages";
import { listAssignees, requireItem } from "./access";
import { latestItemEventSeq, listItemEventsSince } from "./events";
import { latestStageRecommendations } from "./item-agent";
import { getItemRuns, latestStageRuns } from "./item-runs";
import type { BoardFilter } from "./schemas";

export type Board = Awaited<ReturnType<typeof getBoard>>;
export type BoardItem = Board["items"][number];
export type BoardStage = Board["stages"][number];

/** When the item entered its current stage: the latest transition into it (the only record of it). */
const enteredStageAt = sql<Date | null>`(
  select max(${workItemTransitions.at}) from ${workItemTransitions}
  where ${workItemTransitions.workItemId} = ${workItems.id} and ${workItemTransitions.toStageId} = ${workItems.stageId}
)`.mapWith((v: Date | string) => new Date(v));

const itemColumns = {
  id: workItems.id,
  stageId: workItems.stageId,
  title: workItems.title,
  priority: workItems.priority,
  assigneeId: workItems.assigneeId,
  assigneeName: users.name,
  position: workItems.position,
  version: workItems.version,
  createdAt: workItems.createdAt,
  completedAt: workItems.completedAt,
  enteredStageAt,
};

/** Items always have a creating transition; the fallback covers rows written without one. */
const toDate = (v: Date | null, fallback: Date) => v ?? fallback;

/**
 * The board of a workflow the actor can see: stages in order, open items in column order (each with
 * its latest run and agent recommendation in its current stage when they need noticing), the people items can be assigned
 * to, and the change-feed cursor the live stream continues from.
 */
export async function getBoard({ db, actor, workflowId }: { db: Db; actor: Actor; workflowId: string }) {
  const workflow = await requireWorkflow(db, actor, workflowId, "READ");
  const [stageRows, itemRows, team, assignees, cursor, itemRuns, itemAgents] = await Promise.all([
    listLiveStages(db, workflow.id),
    db
      .select(itemColumns)
      .from(workItems)
      .leftJoin(users, eq(users.id, workItems.assigneeId))
      .where(and(eq(workItems.workflowId, workflow.id), isNull(workItems.archivedAt)))
      .orderBy(asc(workItems.position), asc(workItems.id)),
    workflow.ownerTeamId
      ? db.select({ name: teams.name }).from(teams).where(eq(teams.id, workflow.ownerTeamId)).then((r) => r[0])
      : undefined,
    listAssignees(db, workflow),
    latestItemEventSeq(db, workflow.id),
    latestStageRuns(db, workflow.id),
    latestStageRecommendations(db, workflow.id),
  ]);
  const items = itemRows.map((r) => ({
    ...r,
    enteredStageAt: toDate(r.enteredStageAt, r.createdAt),
    run: itemRuns.get(r.id) ?? null,
    agent: itemAgents.get(r.id) ?? null,
  }));
  return {
    workflow: { ...workflow, teamName: team?.name ?? null },
    stages: stageRows.map((s) => ({ id: s.id, name: s.name, type: s.type, position: s.position, wipLimit: s.config.wipLimit ?? null })),
    items,
    assignees,
    cursor,
  };
}

/**
 * What changed on a board after `afterSeq`: the current state of every open item touched since, and
 * the ids that left the board (archived). The caller has checked the actor can read the workflow.
 */
export async function getBoardChanges({ db, workflowId, afterSeq }: { db: Db; workflowId: string; afterSeq: number }) {
  const events = await listItemEventsSince(db, workflowId, afterSeq, 500);
  if (events.length === 0) return null;
  const ids = [...new Set(events.map((e) => e.itemId))];
  const [rows, itemRuns, itemAgents] = await Promise.all([
    db
      .select({ ...itemColumns, archivedAt: workItems.archivedAt })
      .from(workItems)
      .leftJoin(users, eq(users.id, workItems.assigneeId))
      .where(and(eq(workItems.workflowId, workflowId), inArray(workItems.id, ids))),
    latestStageRuns(db, workflowId, ids),
    latestStageRecommendations(db, workflowId, ids),
  ]);
  const open = rows.filter((r) => !r.archivedAt);
  const openIds = new Set(open.map((r) => r.id));
  return {
    cursor: events.at(-1)!.seq,
    items: open.map(({ archivedAt: _, ...r }) => ({
      ...r,
      enteredStageAt: toDate(r.enteredStageAt, r.createdAt),
      run: itemRuns.get(r.id) ?? null,
      agent: itemAgents.get(r.id) ?? null,
    })),
    removed: ids.filter((id) => !openIds.has(id)),
    actorIds: [...new Set(events.map((e) => e.actorId).filter((a): a is string => a !== null))],
  };
}

/** Items of a workflow for the REST API, filtered like the board, newest first. */
export async function listItems({
  db,
  actor,
  workflowId,
  filter = {},
  stageId,
  includeArchived = false,
  onlyArchived = false,
  limit = 100,
  offset = 0,
}: {
  db: Db;
  actor: Actor;
  workflowId: string;
  filter?: BoardFilter;
  stageId?: string;
  includeArchived?: boolean;
  onlyArchived?: boolean;
  limit?: number;
  offset?: number;
}) {
  const workflow = await requireWorkflow(db, actor, workflowId, "READ");
  const assignee =
    filter.assignee === "me"
      ? eq(workItems.assigneeId, actor.userId)
      : filter.assignee === "none"
        ? isNull(workItems.assigneeId)
        : filter.assignee
          ? eq(workItems.assigneeId, filter.assignee)
          : undefined;
  const text = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select({ ...itemColumns, description: workItems.description, data: workItems.data, archivedAt: workItems.archivedAt, updatedAt: workItems.updatedAt })
    .from(workItems)
    .leftJoin(users, eq(users.id, workItems.assigneeId))
    .where(
      and(
        eq(workItems.workflowId, workflow.id),
        onlyArchived ? isNotNull(workItems.archivedAt) : includeArchived ? undefined : isNull(workItems.archivedAt),
        stageId ? eq(workItems.stageId, stageId) : undefined,
        filter.priority ? eq(workItems.priority, filter.priority) : undefined,
        assignee,
        text ? or(ilike(workItems.title, text), ilike(workItems.description, text)) : undefined,
      ),
    )
    .orderBy(desc(workItems.createdAt), asc(workItems.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...r, enteredStageAt: toDate(r.enteredStageAt, r.createdAt) }));
}

export type ItemPage = Awaited<ReturnType<typeof getItemPage>>;

/**
 * Everything the item page shows: the item, its workflow's stages, the history timeline (each
 * transition with who made it and how long the item stayed), comments, the assignable people, its
 * runs and the approval the actor could give on the current stage's run.
 */
export async function getItemPage({ db, actor, itemId, now = new Date() }: { db: Db; actor: Actor; itemId: string; now?: Date }) {
  const { item, workflow } = await requireItem(db, actor, itemId, "READ");
  const [stageRows, history, comments, assignees, creator, runs] = await Promise.all([
    db.select().from(stages).where(eq(stages.workflowId, workflow.id)).orderBy(asc(stages.position)),
    db
      .select({
        id: workItemTransitions.id,
        fromStageId: workItemTransitions.fromStageId,
        toStageId: workItemTransitions.toStageId,
        actorName: users.name,
        at: workItemTransitions.at,
        reason: workItemTransitions.reason,
      })
      .from(workItemTransitions)
      .leftJoin(users, eq(users.id, workItemTransitions.actorId))
      .where(eq(workItemTransitions.workItemId, item.id))
      .orderBy(asc(workItemTransitions.at), asc(workItemTransitions.id)),
    db
      .select({ id: workItemComments.id, body: workItemComments.body, createdAt: workItemComments.createdAt, authorName: users.name })
      .from(workItemComments)
      .leftJoin(users, eq(users.id, workItemComments.authorId))
      .where(eq(workItemComments.workItemId, item.id))
      .orderBy(asc(workItemComments.createdAt), asc(workItemComments.id)),
    listAssignees(db, workflow),
    item.createdById
      ? db.select({ name: users.name }).from(users).where(eq(users.id, item.createdById)).then((r) => r[0]?.name ?? null)
      : null,
    getItemRuns({ db, actor, item }),
  ]);
  // Removed stages still name the history that passed through them.
  const stageName = new Map(stageRows.map((s) => [s.id, s.name]));
  const timeline = history.map((t, i) => {
    const left = history[i + 1]?.at ?? null;
    return {
      ...t,
      fromStageName: t.fromStageId ? (stageName.get(t.fromStageId) ?? "a removed stage") : null,
      toStageName: stageName.get(t.toStageId) ?? "a removed stage",
      /** Time spent in `toStage` after this transition; up to now for the current stage. */
      durationMs: (left ?? (item.archivedAt ?? now)).getTime() - t.at.getTime(),
      current: left === null,
    };
  });
  return {
    item: { ...item, createdByName: creator },
    workflow,
    stages: stageRows
      .filter((s) => !s.removedAt)
      .map((s) => ({ id: s.id, name: s.name, type: s.type, wipLimit: s.config.wipLimit ?? null })),
    timeline,
    comments,
    assignees,
    runs: runs.runs,
    runApproval: runs.approval,
  };
}
