import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Trigger, triggerDeliveries, triggers, workItemTransitions, workItems, workflows } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { itemEnteredStage } from "@/lib/engine/runtime/stage-entry";
import { AppError, Conflict } from "@/lib/errors";
import { recordItemEvent } from "@/lib/work-items/events";
import { checkWipLimit } from "@/lib/work-items/move";
import { positionFor } from "@/lib/work-items/positions";
import { listLiveStages } from "@/lib/workflows/stages";

/**
 * A trigger firing: one item in the trigger's workflow (its target stage or the first), created by no one,
 * which starts the stage's run like any item entering it. Each firing is one transaction with its audit
 * row and `last_fired_at`; a firing that cannot create its item (a full stage, an archived workflow) is
 * audited as a failure and changes nothing else.
 */

export type FireResult =
  | { status: "created"; itemId: string }
  | { status: "duplicate"; itemId: string | null }
  | { status: "skipped"; reason: string };

export type Firing = {
  trigger: Trigger;
  title: string;
  /** The item's data: `{trigger: {…}, event|payload: …}`. */
  data: Record<string, unknown>;
  /** What the audit row says about the cause: the event, the cron tick, the delivery. */
  details: Record<string, unknown>;
  /** Makes a repeated delivery (webhook header, redelivered event) a no-op. */
  deliveryId?: string | null;
  /** Cron: fire only when `last_fired_at` is before this tick, so a redelivered tick is a no-op. */
  tick?: Date | null;
};

/** Deliveries older than this are forgotten: senders retry within hours, not months. */
const DELIVERY_RETENTION = sql`interval '30 days'`;

/** Inserts the item as the system (no creator), with its creating transition, feed event and stage automation. */
async function createTriggeredItem(tx: Db, f: Firing): Promise<string> {
  const [wf] = await tx.select().from(workflows).where(eq(workflows.id, f.trigger.workflowId));
  if (!wf || wf.archivedAt) throw new Conflict("The trigger's workflow is archived, so it cannot take new items.");
  const stageRows = await listLiveStages(tx, wf.id);
  const targetId = (f.trigger.config as { targetStageId?: string }).targetStageId;
  const stage = targetId ? stageRows.find((s) => s.id === targetId) : stageRows[0];
  if (!stage) {
    throw new Conflict(
      targetId
        ? "The trigger's target stage is no longer part of the workflow: edit the trigger and choose another."
        : "The trigger's workflow has no stages.",
    );
  }
  await checkWipLimit(tx, stage);
  const now = new Date();
  const [item] = await tx
    .insert(workItems)
    .values({
      workflowId: wf.id,
      stageId: stage.id,
      definitionVersion: wf.version,
      title: f.title,
      data: f.data,
      createdById: null,
      position: await positionFor(tx, stage.id, undefined),
      createdAt: now,
      updatedAt: now,
      completedAt: stage.id === stageRows.at(-1)!.id ? now : null,
    })
    .returning();
  await tx.insert(workItemTransitions).values({
    workItemId: item!.id,
    fromStageId: null,
    toStageId: stage.id,
    actorId: null,
    at: now,
    reason: `Created by the trigger “${f.trigger.name}”.`,
  });
  await recordItemEvent(tx, { workflowId: wf.id, workItemId: item!.id, kind: "created", actorId: null, details: { triggerId: f.trigger.id } });
  await itemEnteredStage(tx, { item: item!, stageId: stage.id, fromStageId: null, actorId: null });
  return item!.id;
}

/** Records a firing that did not happen (denied, stopped, failed) with the reason. */
export async function auditSkipped(db: Db, trigger: Pick<Trigger, "id" | "kind" | "workflowId">, outcome: "failure" | "denied", details: Record<string, unknown>) {
  await appendAudit(db, {
    actorId: null,
    action: "trigger.fire",
    targetType: "trigger",
    targetId: trigger.id,
    outcome,
    details: { triggerId: trigger.id, kind: trigger.kind, workflowId: trigger.workflowId, itemId: null, ...details },
  });
}

/**
 * Fires a trigger once: claims the delivery or tick, creates the item, stamps `last_fired_at` and audits
 * `trigger.fire` (actor null), all in one transaction. A repeat answers `duplicate` and changes nothing.
 */
export async function fireTrigger(db: Db, f: Firing): Promise<FireResult> {
  try {
    return await db.transaction(async (tx): Promise<FireResult> => {
      const t = f.trigger;
      if (f.deliveryId) {
        await tx.delete(triggerDeliveries).where(and(eq(triggerDeliveries.triggerId, t.id), lt(triggerDeliveries.at, sql`now() - ${DELIVERY_RETENTION}`)));
        const [claimed] = await tx
          .insert(triggerDeliveries)
          .values({ triggerId: t.id, deliveryId: f.deliveryId })
          .onConflictDoNothing()
          .returning();
        if (!claimed) {
          const [seen] = await tx
            .select({ itemId: triggerDeliveries.workItemId })
            .from(triggerDeliveries)
            .where(and(eq(triggerDeliveries.triggerId, t.id), eq(triggerDeliveries.deliveryId, f.deliveryId)));
          return { status: "duplicate", itemId: seen?.itemId ?? null };
        }
      }
      const now = new Date();
      const [stamped] = await tx
        .update(triggers)
        .set({ lastFiredAt: now })
        .where(and(eq(triggers.id, t.id), f.tick ? or(isNull(triggers.lastFiredAt), lt(triggers.lastFiredAt, f.tick)) : undefined))
        .returning({ id: triggers.id });
      if (!stamped) return { status: "duplicate", itemId: null };
      const itemId = await createTriggeredItem(tx, f);
      if (f.deliveryId) {
        await tx
          .update(triggerDeliveries)
          .set({ workItemId: itemId })
          .where(and(eq(triggerDeliveries.triggerId, t.id), eq(triggerDeliveries.deliveryId, f.deliveryId)));
      }
      await appendAudit(tx, {
        actorId: null,
        action: "trigger.fire",
        targetType: "trigger",
        targetId: t.id,
        details: { triggerId: t.id, kind: t.kind, workflowId: t.workflowId, itemId, ...f.details },
      });
      return { status: "created", itemId };
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await auditSkipped(db, f.trigger, "failure", { ...f.details, reason: err.message });
    return { status: "skipped", reason: err.message };
  }
}
