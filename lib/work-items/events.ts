import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type WorkItemEventKind, users, workItemEvents, workItems } from "@/db/schema";

/** The NOTIFY channel that wakes open boards; the payload is the workflow id. */
export const ITEM_EVENTS_CHANNEL = "tandem_item_events";

/**
 * Appends a change to the workflow's item feed and notifies listeners; both take effect at commit,
 * so a board never hears of a change it cannot read yet.
 */
export async function recordItemEvent(
  tx: Db,
  e: { workflowId: string; workItemId: string; kind: WorkItemEventKind; actorId: string | null; details?: Record<string, unknown> },
) {
  await tx.insert(workItemEvents).values({ ...e, details: e.details ?? {} });
  await tx.execute(sql`select pg_notify(${ITEM_EVENTS_CHANNEL}, ${e.workflowId})`);
}

/** Events of one workflow after `afterSeq`, oldest first. Callers have checked access to the workflow. */
export async function listItemEventsSince(db: Db, workflowId: string, afterSeq: number, limit = 200) {
  return db
    .select({
      seq: workItemEvents.seq,
      kind: workItemEvents.kind,
      itemId: workItemEvents.workItemId,
      actorId: workItemEvents.actorId,
      at: workItemEvents.at,
    })
    .from(workItemEvents)
    .where(and(eq(workItemEvents.workflowId, workflowId), gt(workItemEvents.seq, afterSeq)))
    .orderBy(asc(workItemEvents.seq))
    .limit(limit);
}

/** The newest event's sequence number for a workflow (0 when none): where a new stream starts. */
export async function latestItemEventSeq(db: Db, workflowId: string): Promise<number> {
  const [row] = await db
    .select({ seq: workItemEvents.seq })
    .from(workItemEvents)
    .where(eq(workItemEvents.workflowId, workflowId))
    .orderBy(desc(workItemEvents.seq))
    .limit(1);
  return row?.seq ?? 0;
}

/** The last change to an item, with who made it: what a conflict message tells the loser. */
export async function lastItemChange(db: Db, workItemId: string) {
  const [row] = await db
    .select({ kind: workItemEvents.kind, at: workItemEvents.at, actorName: users.name, details: workItemEvents.details })
    .from(workItemEvents)
    .leftJoin(users, eq(users.id, workItemEvents.actorId))
    .where(eq(workItemEvents.workItemId, workItemId))
    .orderBy(desc(workItemEvents.seq))
    .limit(1);
  return row;
}

/**
 * The feed position of an item's workflow, read before a page loads the item, so its live stream resumes
 * from there and misses nothing written while the page rendered (a repeat only re-renders). 0 when none.
 */
export async function itemFeedCursor(db: Db, itemId: string): Promise<number> {
  const [row] = await db
    .select({ seq: workItemEvents.seq })
    .from(workItemEvents)
    .where(eq(workItemEvents.workflowId, db.select({ id: workItems.workflowId }).from(workItems).where(eq(workItems.id, itemId))))
    .orderBy(desc(workItemEvents.seq))
    .limit(1);
  return row?.seq ?? 0;
}
