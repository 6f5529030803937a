import { and, count, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Stage, type WorkItem, stages, workItemTransitions, workItems } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { itemEnteredStage } from "@/lib/engine/runtime/stage-entry";
import { Conflict, Invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { listLiveStages } from "@/lib/workflows/stages";
import { requireItem } from "./access";
import { lastItemChange, recordItemEvent } from "./events";
import { positionFor } from "./positions";
import { moveItemInput } from "./schemas";

/** Refuses a write based on an item version that someone else has replaced, saying who and when. */
export async function staleItem(db: Db, itemId: string): Promise<Conflict> {
  const last = await lastItemChange(db, itemId);
  const who = last?.actorName ?? "Someone";
  const what = last?.kind === "moved" ? "moved" : "changed";
  return new Conflict(`${who} ${what} this item a moment ago, so your change was not saved. Look at the latest and try again if you still want to.`);
}

/**
 * Locks a stage row until commit: whoever counts or places items in that column goes one at a time, so
 * WIP checks and positions (renumbering included) never interleave.
 */
export async function lockStage(tx: Db, stageId: string) {
  // NO KEY: foreign keys to a stage (a transition's from_stage_id) take KEY SHARE, which FOR UPDATE would
  // block, deadlocking two items moved in opposite directions between the same two columns.
  await tx.execute(sql`select 1 from ${stages} where ${stages.id} = ${stageId} for no key update`);
}

/** Locks the stage row and refuses when it already holds its WIP limit of open items. */
export async function checkWipLimit(tx: Db, stage: Stage) {
  await lockStage(tx, stage.id);
  const limit = stage.config.wipLimit;
  if (limit == null) return;
  const [row] = await tx
    .select({ n: count() })
    .from(workItems)
    .where(and(eq(workItems.stageId, stage.id), isNull(workItems.archivedAt)));
  if ((row?.n ?? 0) >= limit) {
    throw new Conflict(`“${stage.name}” is at its WIP limit of ${limit}. Move an item out of it first.`);
  }
}

type MoveArgs = {
  item: WorkItem;
  workflowId: string;
  stageRows: Stage[];
  target: Stage;
  afterId?: string | null;
  reason?: string | null;
  actorId: string | null;
};

/**
 * The move itself, inside the caller's transaction, once access is settled: WIP limit and column lock,
 * conditional update on the item's version, the transition, the feed event, and the stage's automation
 * (a run of its task graph starts; runs left behind stop).
 */
async function applyMove(tx: Db, { item, workflowId, stageRows, target, afterId, reason, actorId }: MoveArgs) {
  const changesStage = target.id !== item.stageId;
  if (changesStage) await checkWipLimit(tx, target);
  else await lockStage(tx, target.id);
  const position = await positionFor(tx, target.id, afterId, item.id);
  const now = new Date();
  const completedAt = changesStage ? (target.id === stageRows.at(-1)!.id ? now : null) : item.completedAt;
  const [updated] = await tx
    .update(workItems)
    .set({ stageId: target.id, position, completedAt, version: item.version + 1, updatedAt: now })
    .where(and(eq(workItems.id, item.id), eq(workItems.version, item.version)))
    .returning();
  if (!updated) throw await staleItem(tx, item.id);
  let transition = null;
  if (changesStage) {
    [transition] = await tx
      .insert(workItemTransitions)
      .values({ workItemId: item.id, fromStageId: item.stageId, toStageId: target.id, actorId, at: now, reason: reason || null })
      .returning();
  }
  await recordItemEvent(tx, {
    workflowId,
    workItemId: item.id,
    kind: changesStage ? "moved" : "reordered",
    actorId,
    details: changesStage ? { from: item.stageId, to: target.id } : {},
  });
  if (changesStage) await itemEnteredStage(tx, { item: updated, stageId: target.id, fromStageId: item.stageId, actorId });
  return { item: updated, transition: transition ?? null, stage: target };
}

/**
 * Moves an item to a stage (or to another place in its column): the one function the board and the
 * REST API share. In one transaction it checks access, version and WIP limit, updates the item with a
 * conditional write, appends the transition and sets or clears `completed_at` (the last stage means
 * done). Two concurrent moves of one item: the first wins, the second gets a Conflict.
 */
export async function moveItem(db: Db, actor: Actor, input: unknown) {
  const { id, toStageId, afterId, version, reason } = parseInput(moveItemInput, input);
  return db.transaction(async (tx) => {
    const { item, workflow } = await requireItem(tx, actor, id, "WRITE");
    if (item.archivedAt) throw new Conflict("This item is archived; restore it before moving it.");
    if (version !== undefined && version !== item.version) throw await staleItem(tx, item.id);
    const stageRows = await listLiveStages(tx, workflow.id);
    const target = stageRows.find((s) => s.id === toStageId);
    if (!target) throw new Invalid("That stage is not part of this item's workflow.", { toStageId: ["Not a stage of this workflow."] });
    return applyMove(tx, { item, workflowId: workflow.id, stageRows, target, afterId, reason, actorId: actor.userId });
  });
}

/**
 * The system moves an item on to the stage after `fromStageId` (an automation stage's run completed).
 * Does nothing when the item is no longer there (someone moved it meanwhile), is archived, or the stage
 * is the last; a full next stage leaves it where it is. Returns what happened, for the run's story.
 */
export async function advanceItemAsSystem(db: Db, input: { itemId: string; fromStageId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(workItems).where(eq(workItems.id, input.itemId)).for("update");
    if (!item || item.archivedAt || item.stageId !== input.fromStageId) return { moved: false as const, why: "The item is no longer in that stage." };
    const stageRows = await listLiveStages(tx, item.workflowId);
    const at = stageRows.findIndex((s) => s.id === item.stageId);
    const target = at >= 0 ? stageRows[at + 1] : undefined;
    if (!target) return { moved: false as const, why: "It is in the last stage." };
    try {
      const moved = await tx.transaction((inner) =>
        applyMove(inner, { item, workflowId: item.workflowId, stageRows, target, reason: input.reason, actorId: null }),
      );
      return { moved: true as const, to: moved.stage };
    } catch (err) {
      if (err instanceof Conflict) return { moved: false as const, why: err.message };
      throw err;
    }
  });
}
