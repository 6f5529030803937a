import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Stage, stages } from "@/db/schema";

/** The stages of a workflow's latest version, in board order (stages a later version dropped are kept for history only). */
export async function listLiveStages(db: Db, workflowId: string): Promise<Stage[]> {
  return db
    .select()
    .from(stages)
    .where(and(eq(stages.workflowId, workflowId), isNull(stages.removedAt)))
    .orderBy(asc(stages.position));
}
