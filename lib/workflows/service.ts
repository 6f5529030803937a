import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/log";
import { parseInput } from "@/lib/validation";
import { requireWorkflow } from "./access";
import { renameWorkflowInput } from "./schemas";

/** Renames a workflow the actor may write, recording the old and new names in the audit log. */
export async function renameWorkflow(db: Db, actor: Actor, input: unknown) {
  const { id, name } = parseInput(renameWorkflowInput, input);
  return db.transaction(async (tx) => {
    const wf = await requireWorkflow(tx, actor, id, "WRITE");
    const [updated] = await tx
      .update(workflows)
      .set({ name, updatedAt: new Date() })
      .where(eq(workflows.id, wf.id))
      .returning();
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "workflow.rename",
      targetType: "workflow",
      targetId: wf.id,
      requestId: actor.requestId,
      details: { from: wf.name, to: name },
    });
    return updated!;
  });
}
