import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Trigger, type Workflow, triggers, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { type Level, atLeast } from "@/lib/auth/permissions";
import { visibleWorkflowsWhere, workflowLevel } from "@/lib/auth/visibility";
import { Forbidden, NotFound } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `id` is shaped like a trigger id; anything else is simply not found. */
export const isUuid = (id: unknown): id is string => typeof id === "string" && UUID.test(id);

/**
 * Loads a trigger through its workflow's visibility and checks the actor's level there (managing
 * triggers is `workflows.manage` WRITE). Invisible, malformed and missing ids are the same NotFound.
 */
export async function requireTrigger(
  db: Db,
  actor: Actor,
  id: string,
  level: Level,
  opts: { lock?: boolean } = {},
): Promise<{ trigger: Trigger; workflow: Workflow & { level: Level } }> {
  if (!isUuid(id)) throw new NotFound("Trigger");
  const query = db
    .select({ trigger: triggers, workflow: workflows })
    .from(triggers)
    .innerJoin(workflows, eq(workflows.id, triggers.workflowId))
    .where(and(eq(triggers.id, id), visibleWorkflowsWhere(actor)))
    .limit(1);
  const [row] = opts.lock ? await query.for("update", { of: triggers }) : await query;
  if (!row) throw new NotFound("Trigger");
  const have = workflowLevel(actor, row.workflow);
  if (!atLeast(have, level)) throw new Forbidden(`You need ${level} access to this workflow to change its triggers.`);
  return { trigger: row.trigger, workflow: { ...row.workflow, level: have } };
}
