import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { Invalid } from "@/lib/errors";
import { hasTaskGraph } from "./definition";
import { type Descriptor, type TandemExport, exportDescriptor, exportWorkflow, slugify } from "./io";
import { loadDefinition } from "./versions";

export type ExportFormat = "tandem" | "descriptor";

/**
 * The latest version of a workflow the actor can see as a file to download: the whole workflow as a
 * Tandem export, or one automated stage's task graph as a workflow descriptor. File names match the
 * designer's downloads.
 */
export async function exportWorkflowFile(
  db: Db,
  actor: Actor,
  input: { workflowId: string; format: ExportFormat; stageId?: string },
): Promise<{ fileName: string; content: TandemExport | Descriptor }> {
  const { workflow, version, definition } = await loadDefinition(db, actor, input.workflowId);
  const slug = slugify(workflow.name);
  if (input.format === "tandem") {
    return { fileName: `${slug}-v${version}.json`, content: exportWorkflow({ name: workflow.name, description: workflow.description, version }, definition) };
  }
  const refuse = (message: string) => new Invalid(message, { stageId: [message] });
  if (!input.stageId) throw refuse("Say which stage to export as a workflow descriptor (stageId).");
  const stage = definition.stages.find((s) => s.id === input.stageId);
  if (!stage) throw refuse(`Version ${version} of this workflow has no stage with that id.`);
  if (!hasTaskGraph(stage.type)) throw refuse(`“${stage.name}” is a human stage: it has no task graph to export.`);
  if (!stage.taskGraph) throw refuse(`“${stage.name}” has no task graph yet: add tasks to it in the designer first.`);
  return { fileName: `${slug}-${slugify(stage.name, "stage")}-v${version}.descriptor.json`, content: exportDescriptor(stage, { name: workflow.name, version }) };
}
