import type { Db } from "@/db/client";
import { queueAgentAssist } from "@/lib/agents/assist";
import { QUEUES, wake } from "./queue";
import { cancelItemRuns, startRun } from "./start";

/**
 * An item entered a stage (created there or moved there), inside the transaction of that move: runs it
 * had elsewhere stop, the stage's task graph at the item's pinned version starts (if it has one), an
 * agent-assist stage queues the agent's recommendation, and `item.entered_stage` is announced for
 * triggers. Nothing is lost if the process dies after commit.
 */
export async function itemEnteredStage(
  tx: Db,
  e: { item: { id: string; workflowId: string; definitionVersion: number }; stageId: string; fromStageId: string | null; actorId: string | null },
): Promise<void> {
  if (e.fromStageId) await cancelItemRuns(tx, e.item.id, "The item left the stage.", e.stageId);
  await startRun(tx, {
    workflowId: e.item.workflowId,
    stageId: e.stageId,
    definitionVersion: e.item.definitionVersion,
    workItemId: e.item.id,
    origin: "stage",
    initiatorId: e.actorId,
  });
  await queueAgentAssist(tx, { item: e.item, stageId: e.stageId });
  await wake(tx, [
    {
      name: QUEUES.event,
      data: { type: "item.entered_stage", workflowId: e.item.workflowId, workItemId: e.item.id, stageId: e.stageId, fromStageId: e.fromStageId, actorId: e.actorId },
    },
  ]);
}
