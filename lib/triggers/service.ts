import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type Trigger, type Workflow, triggers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Level } from "@/lib/auth/permissions";
import { appendAudit } from "@/lib/audit/log";
import { Invalid, NotFound } from "@/lib/errors";
import { encryptSecret } from "@/lib/secrets/crypto";
import { parseInput } from "@/lib/validation";
import { requireWorkflow } from "@/lib/workflows/access";
import { listLiveStages } from "@/lib/workflows/stages";
import { requireTrigger } from "./access";
import { removeSchedule, syncSchedule } from "./schedule";
import {
  type EventConfig,
  type TriggerConfig,
  type TriggerKind,
  configSchemas,
  createTriggerInput,
  listTriggersInput,
  triggerIdInput,
  updateTriggerInput,
} from "./schemas";

/**
 * Managing triggers: create, update (rename, enable, disable, config), delete, rotate a webhook's secret,
 * list. Managing needs `workflows.manage` WRITE on the trigger's workflow; every change is audited.
 * A webhook's secret is made here and returned once; only its encryption is stored.
 */

export type TriggerWithSecret = { trigger: Trigger; secret: string | null };

const newSecret = () => randomBytes(32).toString("hex");

/**
 * Checks what a config points at: the target stage is a live stage of the trigger's workflow; an event
 * trigger's source workflow is one the actor can read (else 404, like any invisible workflow) and its
 * stage, if any, a live stage there.
 */
async function checkConfig(tx: Db, actor: Actor, workflow: Workflow, kind: TriggerKind, config: TriggerConfig) {
  if (config.targetStageId) {
    const live = await listLiveStages(tx, workflow.id);
    if (!live.some((s) => s.id === config.targetStageId)) {
      throw new Invalid("That stage is not part of this workflow.", { "config.targetStageId": ["Choose a stage of this workflow, or none for the first stage."] });
    }
  }
  if (kind !== "event") return;
  const { sourceWorkflowId, stageId } = config as EventConfig;
  try {
    await requireWorkflow(tx, actor, sourceWorkflowId, "READ");
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound("The source workflow");
    throw err;
  }
  if (stageId && !(await listLiveStages(tx, sourceWorkflowId)).some((s) => s.id === stageId)) {
    throw new Invalid("That stage is not part of the source workflow.", { "config.stageId": ["Choose a stage of the source workflow, or none for any stage."] });
  }
}

/** Parses a config for a kind, reporting problems at `config.<field>`. */
function parseConfig(kind: TriggerKind, config: unknown): TriggerConfig {
  return parseInput(z.object({ config: configSchemas[kind] }), { config }).config;
}

/** Creates a trigger; a webhook's secret comes back here, the only time it is ever shown. */
export async function createTrigger(db: Db, actor: Actor, input: unknown): Promise<TriggerWithSecret> {
  const data = parseInput(createTriggerInput, input);
  return db.transaction(async (tx) => {
    const workflow = await requireWorkflow(tx, actor, data.workflowId, "WRITE");
    await checkConfig(tx, actor, workflow, data.kind, data.config);
    const secret = data.kind === "webhook" ? newSecret() : null;
    const [trigger] = await tx
      .insert(triggers)
      .values({
        workflowId: workflow.id,
        kind: data.kind,
        name: data.name,
        config: data.config,
        enabled: data.enabled,
        secretCiphertext: secret ? encryptSecret(secret) : null,
        createdById: actor.userId,
      })
      .returning();
    const schedule = data.kind === "cron" ? await syncSchedule(tx, trigger!) : null;
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "trigger.create",
      targetType: "trigger",
      targetId: trigger!.id,
      requestId: actor.requestId,
      details: { workflowId: workflow.id, kind: data.kind, name: data.name, enabled: data.enabled, config: data.config, ...(schedule ? { schedule } : {}) },
    });
    return { trigger: trigger!, secret };
  });
}

/**
 * Renames, enables or disables a trigger, or replaces its config (checked against its kind). Whoever
 * points an event trigger at a new source workflow becomes the person whose read access it fires under.
 */
export async function updateTrigger(db: Db, actor: Actor, input: unknown): Promise<Trigger> {
  const { id, ...fields } = parseInput(updateTriggerInput, input);
  return db.transaction(async (tx) => {
    const { trigger, workflow } = await requireTrigger(tx, actor, id, "WRITE", { lock: true });
    const changes: Partial<Trigger> = {};
    if (fields.name !== undefined && fields.name !== trigger.name) changes.name = fields.name;
    if (fields.enabled !== undefined && fields.enabled !== trigger.enabled) changes.enabled = fields.enabled;
    if (fields.config !== undefined) {
      const config = parseConfig(trigger.kind, fields.config);
      if (JSON.stringify(config) !== JSON.stringify(trigger.config)) {
        await checkConfig(tx, actor, workflow, trigger.kind, config);
        changes.config = config;
        const before = (trigger.config as Partial<EventConfig>).sourceWorkflowId;
        if (trigger.kind === "event" && (config as EventConfig).sourceWorkflowId !== before) changes.createdById = actor.userId;
      }
    }
    if (Object.keys(changes).length === 0) return trigger;
    const [updated] = await tx.update(triggers).set(changes).where(eq(triggers.id, trigger.id)).returning();
    const schedule = trigger.kind === "cron" && (changes.enabled !== undefined || changes.config) ? await syncSchedule(tx, updated!) : null;
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "trigger.update",
      targetType: "trigger",
      targetId: trigger.id,
      requestId: actor.requestId,
      details: {
        workflowId: workflow.id,
        kind: trigger.kind,
        name: updated!.name,
        changed: Object.keys(changes).filter((k) => k !== "createdById"),
        ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
        ...(changes.config ? { config: changes.config } : {}),
        ...(schedule ? { schedule } : {}),
      },
    });
    return updated!;
  });
}

/** Deletes a trigger (and its schedule); items it created stay. */
export async function deleteTrigger(db: Db, actor: Actor, input: unknown): Promise<{ id: string; workflowId: string }> {
  const { id } = parseInput(triggerIdInput, input);
  return db.transaction(async (tx) => {
    const { trigger, workflow } = await requireTrigger(tx, actor, id, "WRITE", { lock: true });
    await tx.delete(triggers).where(eq(triggers.id, trigger.id));
    const schedule = trigger.kind === "cron" ? await removeSchedule(tx, trigger.id) : null;
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "trigger.delete",
      targetType: "trigger",
      targetId: trigger.id,
      requestId: actor.requestId,
      details: { workflowId: workflow.id, kind: trigger.kind, name: trigger.name, ...(schedule ? { schedule } : {}) },
    });
    return { id: trigger.id, workflowId: workflow.id };
  });
}

/** Gives a webhook trigger a new secret, returned once; the old one stops working at once. */
export async function rotateTriggerSecret(db: Db, actor: Actor, input: unknown): Promise<TriggerWithSecret> {
  const { id } = parseInput(triggerIdInput, input);
  return db.transaction(async (tx) => {
    const { trigger, workflow } = await requireTrigger(tx, actor, id, "WRITE", { lock: true });
    if (trigger.kind !== "webhook") throw new Invalid("Only webhook triggers have a secret to rotate.");
    const secret = newSecret();
    const [updated] = await tx.update(triggers).set({ secretCiphertext: encryptSecret(secret) }).where(eq(triggers.id, trigger.id)).returning();
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "trigger.rotate_secret",
      targetType: "trigger",
      targetId: trigger.id,
      requestId: actor.requestId,
      details: { workflowId: workflow.id, name: trigger.name },
    });
    return { trigger: updated!, secret };
  });
}

/** The triggers of a workflow the actor can read, oldest first. */
export async function listTriggers(db: Db, actor: Actor, input: unknown): Promise<{ workflow: Workflow & { level: Level }; triggers: Trigger[] }> {
  const { workflowId } = parseInput(listTriggersInput, input);
  const workflow = await requireWorkflow(db, actor, workflowId, "READ");
  const rows = await db.select().from(triggers).where(eq(triggers.workflowId, workflow.id)).orderBy(asc(triggers.createdAt), asc(triggers.id));
  return { workflow, triggers: rows };
}
