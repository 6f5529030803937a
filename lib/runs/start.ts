import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Run, stages, workItems, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { visibleWorkflowsWhere } from "@/lib/auth/visibility";
import { appendAudit } from "@/lib/audit/log";
import { definitionAt, pinnedStage } from "@/lib/engine/runtime/definitions";
import { startRun } from "@/lib/engine/runtime/start";
import { Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireWorkflow } from "@/lib/workflows/access";
import { startRunInput } from "./schemas";

/**
 * Starting runs on request (REST, the run page): resolve what to run, check access, start it at the
 * workflow's latest version (or the item's pinned one), and audit it.
 */

/** The workflow and stage a `definitionId` names: a stage with a task graph, or a workflow with exactly one. */
async function resolveDefinition(db: Db, actor: Actor, definitionId: string, workflowId?: string) {
  const [asStage] = await db
    .select({ stageId: stages.id, workflowId: stages.workflowId })
    .from(stages)
    .innerJoin(workflows, eq(workflows.id, stages.workflowId))
    .where(and(eq(stages.id, definitionId), isNull(stages.removedAt), visibleWorkflowsWhere(actor)));
  const wfId = asStage?.workflowId ?? definitionId;
  if (workflowId && workflowId !== wfId) throw new NotFound("Definition");
  const workflow = await requireWorkflow(db, actor, wfId, "READ").catch(() => {
    throw new NotFound("Definition");
  });
  const def = await definitionAt(db, workflow.id, workflow.version);
  const runnable = (def?.stages ?? []).filter((s) => s.type !== "HUMAN" && (s.taskGraph?.tasks.length ?? 0) > 0);
  if (asStage) {
    if (!runnable.some((s) => s.id === asStage.stageId)) throw new Invalid("That stage has no tasks to run.", { definitionId: ["Not a runnable definition."] });
    return { workflow, stageId: asStage.stageId };
  }
  if (runnable.length !== 1) {
    throw new Invalid(
      runnable.length === 0
        ? "This workflow has no automated stage with tasks to run."
        : `This workflow has ${runnable.length} automated stages; pass one stage's id as definitionId (see GET /api/v1/workflows/definitions).`,
      { definitionId: ["Name one stage."] },
    );
  }
  return { workflow, stageId: runnable[0]!.id };
}

/** Starts a run of a definition with `context` as its input; WRITE on the workflow. */
export async function startRunFor(db: Db, actor: Actor, input: unknown): Promise<Run> {
  const data = parseInput(startRunInput, input);
  const { workflow, stageId } = await resolveDefinition(db, actor, data.definitionId, data.workflowId);
  await requireWorkflow(db, actor, workflow.id, "WRITE");
  let version = workflow.version;
  if (data.workItemId) {
    const [item] = await db.select().from(workItems).where(and(eq(workItems.id, data.workItemId), eq(workItems.workflowId, workflow.id)));
    if (!item) throw new Invalid("That item is not part of this workflow.", { workItemId: ["Not an item of this workflow."] });
    version = item.definitionVersion;
  }
  return db.transaction(async (tx) => {
    const pinned = await pinnedStage(tx, workflow.id, version, stageId);
    if (!pinned) throw new Invalid("That stage has no tasks in the item's version of the workflow.", { definitionId: ["Nothing to run."] });
    const run = await startRun(
      tx,
      {
        workflowId: workflow.id,
        stageId,
        definitionVersion: version,
        workItemId: data.workItemId ?? null,
        input: data.context,
        origin: "api",
        initiatorId: actor.userId,
        conversationId: data.conversationId ?? null,
      },
      pinned,
    );
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "run.start",
      targetType: "run",
      targetId: run!.id,
      requestId: actor.requestId,
      details: { workflowId: workflow.id, stageId, version },
    });
    return run!;
  });
}
