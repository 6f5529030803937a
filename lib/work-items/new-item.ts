import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireWorkflow } from "@/lib/workflows/access";
import { listLiveStages } from "@/lib/workflows/stages";
import { listAssignees } from "./access";

export type NewItemForm = Awaited<ReturnType<typeof getNewItemForm>>;

/**
 * What the "new item" form offers: the workflow (which the actor must be able to write), its stages in
 * order and the people items can be assigned to. Invisible is NotFound, read-only is Forbidden.
 */
export async function getNewItemForm({ db, actor, workflowId }: { db: Db; actor: Actor; workflowId: string }) {
  const workflow = await requireWorkflow(db, actor, workflowId, "WRITE");
  const [stageRows, assignees] = await Promise.all([
    listLiveStages(db, workflow.id),
    listAssignees(db, workflow),
  ]);
  return {
    workflow: { id: workflow.id, name: workflow.name },
    stages: stageRows.map((s) => ({ id: s.id, name: s.name, wipLimit: s.config.wipLimit ?? null })),
    assignees,
  };
}
