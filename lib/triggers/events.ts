import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Trigger, stages, triggers, workItemTransitions, workItems, workflows } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import type { EngineEvent } from "@/lib/engine/runtime/worker";
import { AppError } from "@/lib/errors";
import { requireWorkflow } from "@/lib/workflows/access";
import { isUuid } from "./access";
import { type FireResult, auditSkipped, fireTrigger } from "./fire";
import { type EventConfig, MAX_CHAIN_DEPTH, TRIGGER_EVENTS, type TriggerEvent } from "./schemas";
import { itemTitle } from "./title";

/**
 * Event triggers: a durable engine event in a source workflow fires the triggers listening to it there.
 * The trigger's creator must still be able to read the source workflow when it fires (else it is skipped
 * and the audit says why), and chains of triggers stop at a depth of three.
 */

export type EventOutcome = { triggerId: string } & (FireResult | { status: "denied" | "stopped"; reason: string });

/** What the event is about, read once for all listening triggers. */
type Cause = { payload: Record<string, unknown>; depth: number; sourceItemId: string | null; deliveryId: string | null };

/** The depth of the trigger chain an item was made by: 0 for people's items. */
export function chainDepth(data: unknown): number {
  const depth = (data as { trigger?: { depth?: unknown } } | null)?.trigger?.depth;
  return typeof depth === "number" && Number.isInteger(depth) && depth > 0 ? depth : 0;
}

async function readCause(db: Db, event: EngineEvent & { type: TriggerEvent; workflowId: string }): Promise<Cause> {
  const itemId = isUuid(event.workItemId) ? event.workItemId : null;
  const stageId = isUuid(event.stageId) ? event.stageId : null;
  const [[wf], [item], [stage]] = await Promise.all([
    db.select({ name: workflows.name }).from(workflows).where(eq(workflows.id, event.workflowId)),
    itemId ? db.select({ title: workItems.title, data: workItems.data }).from(workItems).where(eq(workItems.id, itemId)) : [],
    stageId ? db.select({ name: stages.name }).from(stages).where(eq(stages.id, stageId)) : [],
  ]);
  let deliveryId: string | null = null;
  if (event.type === "item.entered_stage" && itemId && stageId) {
    // The event carries no id of its own; the transition it announces is unique, and a redelivered
    // event finds the same one.
    const [t] = await db
      .select({ id: workItemTransitions.id })
      .from(workItemTransitions)
      .where(and(eq(workItemTransitions.workItemId, itemId), eq(workItemTransitions.toStageId, stageId)))
      .orderBy(desc(workItemTransitions.at), desc(workItemTransitions.id))
      .limit(1);
    deliveryId = t ? `${event.type}:${t.id}` : null;
  } else if (typeof event.runId === "string") {
    deliveryId = `${event.type}:${event.runId}`;
  } else if (typeof event.eventId === "string") {
    deliveryId = `${event.type}:${event.eventId}`;
  }
  const payload: Record<string, unknown> = {
    ...event,
    workflowName: wf?.name ?? null,
    ...(stageId ? { stageName: stage?.name ?? null } : {}),
    ...(itemId ? { itemTitle: item?.title ?? null } : {}),
  };
  return { payload, depth: chainDepth(item?.data), sourceItemId: itemId, deliveryId };
}

/** Null when the trigger's creator may still read the source workflow; otherwise why not. */
async function creatorCannotRead(db: Db, trigger: Trigger, sourceWorkflowId: string): Promise<string | null> {
  const creator = trigger.createdById ? await loadActor(db, trigger.createdById) : null;
  if (!creator) return "The person who set up this trigger is no longer an active user.";
  try {
    await requireWorkflow(db, creator, sourceWorkflowId, "READ");
    return null;
  } catch (err) {
    if (err instanceof AppError) return "The person who set up this trigger can no longer read the source workflow.";
    throw err;
  }
}

/**
 * Handles one durable event for triggers (dispatchEvent's `onTrigger`): finds the enabled event triggers
 * listening to it in its workflow and fires each. Idempotent: a redelivered event is a duplicate delivery.
 */
export async function onTriggerEvent(db: Db, event: EngineEvent): Promise<EventOutcome[]> {
  if (!(TRIGGER_EVENTS as readonly string[]).includes(event.type) || !isUuid(event.workflowId)) return [];
  const e = event as EngineEvent & { type: TriggerEvent; workflowId: string };
  const listening = (
    await db
      .select()
      .from(triggers)
      .where(
        and(
          eq(triggers.kind, "event"),
          eq(triggers.enabled, true),
          sql`${triggers.config}->>'event' = ${e.type}`,
          sql`${triggers.config}->>'sourceWorkflowId' = ${e.workflowId}`,
        ),
      )
  ).filter((t) => {
    const stageId = (t.config as EventConfig).stageId;
    return !stageId || stageId === e.stageId;
  });
  if (listening.length === 0) return [];
  const cause = await readCause(db, e);
  const outcomes: EventOutcome[] = [];
  for (const trigger of listening) {
    const details = { event: e.type, sourceWorkflowId: e.workflowId, sourceItemId: cause.sourceItemId, depth: cause.depth + 1 };
    if (cause.depth >= MAX_CHAIN_DEPTH) {
      const reason = `Stopped: the item that caused this event was made by a chain of ${cause.depth} triggers, and chains stop at ${MAX_CHAIN_DEPTH} so triggers cannot feed each other forever.`;
      await auditSkipped(db, trigger, "failure", { ...details, stopped: "loop", reason });
      outcomes.push({ triggerId: trigger.id, status: "stopped", reason });
      continue;
    }
    const denied = await creatorCannotRead(db, trigger, e.workflowId);
    if (denied) {
      await auditSkipped(db, trigger, "denied", { ...details, reason: denied });
      outcomes.push({ triggerId: trigger.id, status: "denied", reason: denied });
      continue;
    }
    const config = trigger.config as EventConfig;
    const scope = { event: cause.payload, trigger: { id: trigger.id, name: trigger.name }, firedAt: new Date().toISOString() };
    const result = await fireTrigger(db, {
      trigger,
      title: itemTitle(config.title, scope, `${e.type} in ${cause.payload.workflowName ?? "another workflow"}`),
      data: { trigger: { id: trigger.id, name: trigger.name, kind: "event", event: e.type, depth: cause.depth + 1 }, event: cause.payload },
      details,
      deliveryId: cause.deliveryId,
    });
    outcomes.push({ triggerId: trigger.id, ...result });
  }
  return outcomes;
}
