import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Workflow, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { type Level, atLeast } from "@/lib/auth/permissions";
import { visibleWorkflowsWhere, workflowLevel } from "@/lib/auth/visibility";
import { Forbidden, NotFound } from "@/lib/errors";
import { workflowId } from "./schemas";

/**
 * Loads a workflow the actor can see and checks their level on it. Invisible, malformed and
 * missing ids all throw the same NotFound; visible but not allowed throws Forbidden.
 */
export async function requireWorkflow(
  db: Db,
  actor: Actor,
  id: string,
  level: Level = "READ",
): Promise<Workflow & { level: Level }> {
  if (!workflowId.safeParse(id).success) throw new NotFound("Workflow");
  const [wf] = await db
    .select()
    .from(workflows)
    .where(and(eq(workflows.id, id), visibleWorkflowsWhere(actor)))
    .limit(1);
  if (!wf) throw new NotFound("Workflow");
  const have = workflowLevel(actor, wf);
  if (!atLeast(have, level)) throw new Forbidden(`You need ${level} access to this workflow.`);
  return { ...wf, level: have };
}
