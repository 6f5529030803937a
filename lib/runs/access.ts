import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type Run, type Workflow, runs, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { type Level, atLeast } from "@/lib/auth/permissions";
import { visibleWorkflowsWhere, workflowLevel } from "@/lib/auth/visibility";
import { Forbidden, NotFound } from "@/lib/errors";

export type RunWithWorkflow = { run: Run; workflow: Workflow & { level: Level } };

const runId = z.string().uuid();

/**
 * Loads a run whose workflow the actor can see and checks their level on it. Runs inherit their
 * workflow's visibility: invisible, malformed and missing ids all throw the same NotFound.
 */
export async function requireRun(db: Db, actor: Actor, id: string, level: Level = "READ"): Promise<RunWithWorkflow> {
  if (!runId.safeParse(id).success) throw new NotFound("Run");
  const [row] = await db
    .select({ run: runs, workflow: workflows })
    .from(runs)
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(and(eq(runs.id, id), visibleWorkflowsWhere(actor)))
    .limit(1);
  if (!row) throw new NotFound("Run");
  const have = workflowLevel(actor, row.workflow);
  if (!atLeast(have, level)) throw new Forbidden(`You need ${level} access to this workflow to do that.`);
  return { run: row.run, workflow: { ...row.workflow, level: have } };
}
