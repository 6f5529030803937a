import { and, asc, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workItems } from "@/db/schema";
import { Invalid } from "@/lib/errors";

const STEP = 1024;
/** Below this gap two neighbours are renumbered before inserting between them. */
const MIN_GAP = 1e-6;

const openInStage = (stageId: string, exceptId?: string) =>
  and(eq(workItems.stageId, stageId), isNull(workItems.archivedAt), exceptId ? ne(workItems.id, exceptId) : undefined);

/** Renumbers a column 1024, 2048, … in its current order, when repeated inserts have used up a gap. */
async function renumber(tx: Db, stageId: string) {
  await tx.execute(sql`
    update ${workItems} set position = ranked.rn * ${STEP}
    from (select id, row_number() over (order by position, id) as rn from ${workItems}
          where stage_id = ${stageId} and archived_at is null) as ranked
    where ${workItems.id} = ranked.id`);
}

/**
 * The position for an item placed in `stageId` right after `afterId` (null: at the top; undefined:
 * at the bottom). `movingId` is left out of the neighbours, so moving within a column works. Call it
 * holding the stage's lock (`lockStage`), or two placements can read the same neighbours.
 */
export async function positionFor(tx: Db, stageId: string, afterId: string | null | undefined, movingId?: string): Promise<number> {
  const scope = openInStage(stageId, movingId);
  if (afterId === undefined) {
    const [last] = await tx.select({ p: workItems.position }).from(workItems).where(scope).orderBy(desc(workItems.position)).limit(1);
    return (last?.p ?? 0) + STEP;
  }
  if (afterId === null) {
    const [first] = await tx.select({ p: workItems.position }).from(workItems).where(scope).orderBy(asc(workItems.position)).limit(1);
    return first ? first.p - STEP : STEP;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const [after] = await tx.select({ p: workItems.position }).from(workItems).where(and(scope, eq(workItems.id, afterId))).limit(1);
    if (!after) {
      throw new Invalid("The item to place it after is not in that stage any more. Reload the board and try again.", {
        afterId: ["Not an open item of the target stage."],
      });
    }
    const [next] = await tx
      .select({ p: workItems.position })
      .from(workItems)
      .where(and(scope, gt(workItems.position, after.p)))
      .orderBy(asc(workItems.position))
      .limit(1);
    if (!next) return after.p + STEP;
    if (next.p - after.p > MIN_GAP) return (after.p + next.p) / 2;
    await renumber(tx, stageId);
  }
  throw new Error("positionFor: renumbering did not open a gap");
}
