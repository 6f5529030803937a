import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowVersions, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { visibleWorkflowsWhere } from "@/lib/auth/visibility";
import { definitionSchema, hasTaskGraph } from "@/lib/workflows/definition";
import { type Descriptor, exportDescriptor } from "@/lib/workflows/io";

/** A definition a program can start (`startRunFor`'s `definitionId`): one automated stage of a workflow. */
export type RunnableDefinition = {
  /** The stage id: what `POST /api/v1/workflows/start` takes as `definitionId`. */
  id: string;
  workflowId: string;
  workflowName: string;
  stageName: string;
  version: number;
  descriptor: Descriptor;
};

/**
 * Every automated stage with tasks, at the latest version, of every workflow the actor can see (templates
 * and archived workflows aside), each with its task graph as a workflow descriptor: what can be run by id.
 */
export async function listRunnableDefinitions({ db, actor }: { db: Db; actor: Actor }): Promise<RunnableDefinition[]> {
  const rows = await db
    .select({ id: workflows.id, name: workflows.name, version: workflows.version, definition: workflowVersions.definition })
    .from(workflows)
    .innerJoin(workflowVersions, and(eq(workflowVersions.workflowId, workflows.id), eq(workflowVersions.version, workflows.version)))
    .where(and(visibleWorkflowsWhere(actor), eq(workflows.isTemplate, false), isNull(workflows.archivedAt)))
    .orderBy(asc(workflows.name), asc(workflows.id));
  return rows.flatMap((wf) =>
    definitionSchema
      .parse(wf.definition)
      .stages.filter((s) => hasTaskGraph(s.type) && (s.taskGraph?.tasks.length ?? 0) > 0)
      .map((stage) => ({
        id: stage.id,
        workflowId: wf.id,
        workflowName: wf.name,
        stageName: stage.name,
        version: wf.version,
        descriptor: exportDescriptor(stage, { name: wf.name, version: wf.version }),
      })),
  );
}
