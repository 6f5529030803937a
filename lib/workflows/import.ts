import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { TaskGraph } from "@/lib/engine/graph-schema";
import { Invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireWorkflow } from "./access";
import { type WorkflowDefinition, hasTaskGraph, newStage, uniqueStageName } from "./definition";
import { type DescriptorStageFields, type ImportProblem, parseImport } from "./io";
import { getVersion, saveDefinition } from "./versions";

export const importIntoWorkflowInput = z.object({
  // Any text: a malformed id answers like a missing workflow (NotFound), not as a bad field.
  workflowId: z.string(),
  baseVersion: z.coerce.number().int().min(1, "Say which version the import is based on."),
  /** The file's content, as it is. */
  text: z.string(),
  /** For a workflow descriptor: the stage whose task graph it replaces; without it, a new stage is added. */
  stageId: z.string().uuid("That is not a stage id.").optional(),
});
export type ImportIntoWorkflowInput = z.input<typeof importIntoWorkflowInput>;

/** Every problem of a refused file under its path in the file ("_" for the file as a whole). */
function refusedFile(problems: ImportProblem[]): Invalid {
  const fieldErrors: Record<string, string[]> = {};
  for (const p of problems) (fieldErrors[p.path || "_"] ??= []).push(p.message);
  const n = problems.length;
  return new Invalid(`The file has ${n === 1 ? "1 problem" : `${n} problems`}. ${problems[0]!.message}`, fieldErrors);
}

type DescriptorFile = { name: string; graph: TaskGraph } & DescriptorStageFields;

/**
 * The definition with a descriptor's graph (and run timeout, policy tags and budget, where the file sets them) in `stageId`, or
 * appended as a new automation stage.
 */
function withDescriptor(def: WorkflowDefinition, version: number, file: DescriptorFile, stageId?: string): WorkflowDefinition {
  const fields = { ...(file.runTimeoutMs !== undefined ? { runTimeoutMs: file.runTimeoutMs } : {}), ...(file.policyTags !== undefined ? { policyTags: file.policyTags } : {}), ...(file.budget !== undefined ? { budget: file.budget } : {}) };
  if (stageId === undefined) {
    const stage = { ...newStage(randomUUID(), "AUTOMATION", uniqueStageName(def, file.name.trim() || "Automation")), taskGraph: file.graph, ...fields };
    return { ...def, stages: [...def.stages, stage] };
  }
  const target = def.stages.find((s) => s.id === stageId);
  if (!target) {
    const message = `Version ${version} of this workflow has no stage with that id.`;
    throw new Invalid(message, { stageId: [message] });
  }
  if (!hasTaskGraph(target.type)) {
    const message = `“${target.name}” is a human stage and cannot run tasks. Import into an automation or agent-assist stage, or without a stage to add one.`;
    throw new Invalid(message, { stageId: [message] });
  }
  return { ...def, stages: def.stages.map((s) => (s.id === stageId ? { ...s, taskGraph: file.graph, ...fields } : s)) };
}

/**
 * Imports a file into a workflow as its next version: a Tandem export replaces the whole definition; a
 * workflow descriptor replaces one automated stage's task graph, or becomes a new automation stage. A
 * refused file lists every problem at its path in the file; nothing is written unless all of it is valid
 * and no one saved since `baseVersion`. Audited as `workflow.import`.
 */
export async function importIntoWorkflow(db: Db, actor: Actor, input: ImportIntoWorkflowInput) {
  const { workflowId, baseVersion, text, stageId } = parseInput(importIntoWorkflowInput, input);
  // Access first, so a reader or an outsider learns nothing from the file's problems.
  const wf = await requireWorkflow(db, actor, workflowId, "WRITE");
  if (!text.trim()) throw new Invalid("The file is empty: send a Tandem export or a workflow descriptor.", { _: ["The file is empty."] });
  const file = parseImport(text);
  if (!file.ok) throw refusedFile(file.problems);
  let definition: WorkflowDefinition;
  if (file.kind === "tandem") {
    if (stageId !== undefined) {
      const message = "A Tandem export replaces the whole workflow; send it without a stageId.";
      throw new Invalid(message, { stageId: [message] });
    }
    definition = file.definition;
  } else {
    // The descriptor edits the version the caller based it on; when that is stale, saveDefinition refuses
    // it and says who saved since. A base past the latest cannot be read, so the latest stands in.
    const base = await getVersion(db, actor, wf.id, Math.min(baseVersion, wf.version));
    definition = withDescriptor(base.definition, base.version, file, stageId);
  }
  return saveDefinition(db, actor, { workflowId: wf.id, baseVersion, definition, source: "import" });
}
