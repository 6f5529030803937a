import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { stages, workItemComments, workItemTransitions, workItems } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/log";
import { itemEnteredStage } from "@/lib/engine/runtime/stage-entry";
import { Conflict, Invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireWorkflow } from "@/lib/workflows/access";
import { listLiveStages } from "@/lib/workflows/stages";
import { checkAssignee, requireItem } from "./access";
import { recordItemEvent } from "./events";
import { checkWipLimit, staleItem } from "./move";
import { positionFor } from "./positions";
import { addCommentInput, archiveItemInput, createItemInput, updateItemInput } from "./schemas";

/** Creates an item at the bottom of a stage (the first by default), with its creating transition. */
export async function createItem(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(createItemInput, input);
  return db.transaction(async (tx) => {
    const wf = await requireWorkflow(tx, actor, data.workflowId, "WRITE");
    const stageRows = await listLiveStages(tx, wf.id);
    const stage = data.stageId ? stageRows.find((s) => s.id === data.stageId) : stageRows[0];
    if (!stage) {
      throw data.stageId
        ? new Invalid("That stage is not part of this workflow.", { stageId: ["Not a stage of this workflow."] })
        : new Invalid("This workflow has no stages yet; add one in the designer first.");
    }
    await checkAssignee(tx, wf, data.assigneeId);
    await checkWipLimit(tx, stage);
    const now = new Date();
    const [item] = await tx
      .insert(workItems)
      .values({
        workflowId: wf.id,
        stageId: stage.id,
        definitionVersion: wf.version,
        title: data.title,
        description: data.description,
        data: data.data,
        assigneeId: data.assigneeId ?? null,
        priority: data.priority,
        createdById: actor.userId,
        position: await positionFor(tx, stage.id, undefined),
        createdAt: now,
        updatedAt: now,
        completedAt: stage.id === stageRows.at(-1)!.id ? now : null,
      })
      .returning();
    await tx.insert(workItemTransitions).values({ workItemId: item!.id, fromStageId: null, toStageId: stage.id, actorId: actor.userId, at: now });
    await recordItemEvent(tx, { workflowId: wf.id, workItemId: item!.id, kind: "created", actorId: actor.userId });
    await itemEnteredStage(tx, { item: item!, stageId: stage.id, fromStageId: null, actorId: actor.userId });
    return item!;
  });
}

/** JSON with object keys sorted: jsonb reorders keys, so `data` sent back unchanged must still compare equal. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/** Edits an item's fields. With `version`, an edit based on a replaced version is a Conflict. */
export async function updateItem(db: Db, actor: Actor, input: unknown) {
  const { id, version, ...fields } = parseInput(updateItemInput, input);
  return db.transaction(async (tx) => {
    const { item, workflow } = await requireItem(tx, actor, id, "WRITE");
    if (version !== undefined && version !== item.version) throw await staleItem(tx, item.id);
    if (fields.assigneeId !== undefined) await checkAssignee(tx, workflow, fields.assigneeId);
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const changed = Object.keys(changes).filter((k) => canonical(changes[k]) !== canonical(item[k as keyof typeof item]));
    if (changed.length === 0) return item;
    const [updated] = await tx
      .update(workItems)
      .set({ ...changes, version: item.version + 1, updatedAt: new Date() })
      .where(and(eq(workItems.id, item.id), eq(workItems.version, item.version)))
      .returning();
    if (!updated) throw await staleItem(tx, item.id);
    await recordItemEvent(tx, { workflowId: workflow.id, workItemId: item.id, kind: "updated", actorId: actor.userId, details: { fields: changed } });
    return updated;
  });
}

/** Archives (hides from the board, keeps the history) or restores an item; restoring respects the WIP limit. */
export async function setItemArchived(db: Db, actor: Actor, input: unknown) {
  const { id, archived } = parseInput(archiveItemInput, input);
  return db.transaction(async (tx) => {
    const { item, workflow } = await requireItem(tx, actor, id, "WRITE");
    if (Boolean(item.archivedAt) === archived) {
      throw new Conflict(archived ? "This item is already archived." : "This item is not archived.");
    }
    if (!archived) {
      const [stage] = await tx.select().from(stages).where(eq(stages.id, item.stageId));
      await checkWipLimit(tx, stage!);
    }
    const [updated] = await tx
      .update(workItems)
      .set({
        archivedAt: archived ? new Date() : null,
        position: archived ? item.position : await positionFor(tx, item.stageId, undefined, item.id),
        version: item.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(workItems.id, item.id), eq(workItems.version, item.version)))
      .returning();
    if (!updated) throw await staleItem(tx, item.id);
    const kind = archived ? "archived" : "restored";
    await recordItemEvent(tx, { workflowId: workflow.id, workItemId: item.id, kind, actorId: actor.userId });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: `item.${kind === "archived" ? "archive" : "restore"}`,
      targetType: "work_item",
      targetId: item.id,
      requestId: actor.requestId,
      details: { workflowId: workflow.id, title: item.title },
    });
    return updated!;
  });
}

/** Adds a comment to an item; commenting is a change, so it needs WRITE like any other. */
export async function addComment(db: Db, actor: Actor, input: unknown) {
  const { itemId, body } = parseInput(addCommentInput, input);
  return db.transaction(async (tx) => {
    const { item, workflow } = await requireItem(tx, actor, itemId, "WRITE");
    const [comment] = await tx.insert(workItemComments).values({ workItemId: item.id, authorId: actor.userId, body }).returning();
    await recordItemEvent(tx, { workflowId: workflow.id, workItemId: item.id, kind: "commented", actorId: actor.userId });
    return comment!;
  });
}
