import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { stages, teams, users, workItemTransitions, workItems } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireWorkflow } from "@/lib/workflows/access";

export type Board = Awaited<ReturnType<typeof getBoard>>;
export type BoardItem = Board["items"][number];

/**
 * The board of a workflow the actor can see: stages in order and open items with the time they
 * entered their current stage (from the transition history, which is the only record of it).
 */
export async function getBoard({ db, actor, workflowId }: { db: Db; actor: Actor; workflowId: string }) {
  const workflow = await requireWorkflow(db, actor, workflowId, "READ");
  const enteredAt = sql<Date | string | null>`(
    select max(${workItemTransitions.at}) from ${workItemTransitions}
    where ${workItemTransitions.workItemId} = ${workItems.id} and ${workItemTransitions.toStageId} = ${workItems.stageId}
  )`;
  const [stageRows, itemRows, team] = await Promise.all([
    db.select().from(stages).where(eq(stages.workflowId, workflow.id)).orderBy(asc(stages.position)),
    db
      .select({
        id: workItems.id,
        stageId: workItems.stageId,
        title: workItems.title,
        priority: workItems.priority,
        assigneeName: users.name,
        createdAt: workItems.createdAt,
        completedAt: workItems.completedAt,
        enteredStageAt: enteredAt,
      })
      .from(workItems)
      .leftJoin(users, eq(users.id, workItems.assigneeId))
      .where(and(eq(workItems.workflowId, workflow.id), isNull(workItems.archivedAt)))
      .orderBy(asc(workItems.createdAt)),
    workflow.ownerTeamId
      ? db.select({ name: teams.name }).from(teams).where(eq(teams.id, workflow.ownerTeamId)).then((r) => r[0])
      : undefined,
  ]);
  const items = itemRows.map((r) => ({
    ...r,
    enteredStageAt: r.enteredStageAt ? new Date(r.enteredStageAt) : r.createdAt,
  }));
  return { workflow: { ...workflow, teamName: team?.name ?? null }, stages: stageRows, items };
}
