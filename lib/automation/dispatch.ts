import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { stages } from "@/db/schema";
import { appendRunEvents } from "@/lib/engine/runtime/events";
import type { EngineEvent } from "@/lib/engine/runtime/worker";
import { advanceItemAsSystem } from "@/lib/work-items/move";

/**
 * What happens after the engine's durable events: stage flow (a completed run in an automation stage
 * moves its item on) and, through `onTrigger`, the triggers that listen. Each handler is idempotent: an
 * event delivered twice changes nothing the second time.
 */
export async function dispatchEvent(db: Db, event: EngineEvent, onTrigger?: (db: Db, event: EngineEvent) => Promise<void>): Promise<void> {
  if (event.type === "run.completed") await stageFlow(db, event);
  await onTrigger?.(db, event);
}

async function stageFlow(db: Db, event: EngineEvent) {
  const { workItemId, stageId, runId } = event as { workItemId?: string | null; stageId?: string; runId?: string };
  if (!workItemId || !stageId || !runId) return;
  const [stage] = await db.select({ type: stages.type, name: stages.name }).from(stages).where(eq(stages.id, stageId));
  if (stage?.type !== "AUTOMATION") return;
  const result = await advanceItemAsSystem(db, { itemId: workItemId, fromStageId: stageId, reason: `Run completed in “${stage.name}”.` });
  await db.transaction((tx) =>
    appendRunEvents(tx, runId, [
      result.moved
        ? { type: "item.moved", payload: { to: result.to.id, toName: result.to.name } }
        : { type: "item.not_moved", payload: { reason: result.why } },
    ]),
  );
}
