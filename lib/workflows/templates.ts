import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/log";
import { NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireWorkflow } from "./access";
import { blankDefinition, insertWorkflow, ownerFor, withFreshStageIds } from "./create";
import { createWorkflowInput, instantiateTemplateInput, saveAsCopyInput, saveAsTemplateInput } from "./schemas";
import { checkDefinition, loadDefinition } from "./versions";

type AuditAction = "workflow.create" | "workflow.import" | "workflow.instantiate" | "workflow.copy" | "template.create";

async function audit(tx: Db, actor: Actor, action: AuditAction, id: string, details: Record<string, unknown>) {
  await appendAudit(tx, { actorId: actor.userId, action, targetType: "workflow", targetId: id, requestId: actor.requestId, details });
}

/** Creates a workflow owned by the actor, blank (three stages) or from a definition (an imported file). */
export async function createWorkflow(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(createWorkflowInput, input);
  const def = data.definition === undefined ? blankDefinition() : withFreshStageIds(checkDefinition(data.definition));
  const owner = ownerFor(actor, data);
  return db.transaction(async (tx) => {
    const wf = await insertWorkflow(tx, { name: data.name, description: data.description, ...owner }, def, data.definition ? "import" : "create", actor.userId);
    await audit(tx, actor, data.definition ? "workflow.import" : "workflow.create", wf.id, { name: wf.name, visibility: wf.visibility });
    return wf;
  });
}

/**
 * Instantiates a template the actor can see as a new workflow they own: its latest stages and task
 * graphs are copied (new stage ids), and the new workflow remembers the template it came from.
 */
export async function instantiateTemplate(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(instantiateTemplateInput, input);
  const owner = ownerFor(actor, data);
  return db.transaction(async (tx) => {
    const template = await loadDefinition(tx, actor, data.templateId);
    if (!template.workflow.isTemplate) throw new NotFound("Workflow"); // answers like a missing one
    const wf = await insertWorkflow(
      tx,
      { name: data.name, description: data.description, ...owner, isTemplate: false, templateOf: template.workflow.id },
      withFreshStageIds(template.definition),
      "template",
      actor.userId,
    );
    await audit(tx, actor, "workflow.instantiate", wf.id, { template: template.workflow.id, templateVersion: template.version, visibility: wf.visibility });
    return wf;
  });
}

/** Saves a copy of a workflow the actor can see as a template (global templates need an instance admin). */
export async function saveAsTemplate(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(saveAsTemplateInput, input);
  const owner = ownerFor(actor, data);
  return db.transaction(async (tx) => {
    const source = await loadDefinition(tx, actor, data.workflowId);
    const wf = await insertWorkflow(
      tx,
      { name: data.name, description: data.description, ...owner, isTemplate: true, templateOf: source.workflow.id },
      withFreshStageIds(source.definition),
      "template",
      actor.userId,
    );
    await audit(tx, actor, "template.create", wf.id, { from: source.workflow.id, fromVersion: source.version, visibility: wf.visibility });
    return wf;
  });
}

/**
 * Saves an edited definition as a new workflow: the way out of a save conflict that keeps both people's
 * work. The actor must be able to see the workflow the edit started from.
 */
export async function saveAsCopy(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(saveAsCopyInput, input);
  const def = withFreshStageIds(checkDefinition(data.definition));
  const owner = ownerFor(actor, data);
  return db.transaction(async (tx) => {
    const source = await requireWorkflow(tx, actor, data.workflowId, "READ");
    const wf = await insertWorkflow(
      tx,
      { name: data.name, description: data.description, ...owner, isTemplate: source.isTemplate, templateOf: source.templateOf },
      def,
      "copy",
      actor.userId,
    );
    await audit(tx, actor, "workflow.copy", wf.id, { from: source.id, visibility: wf.visibility });
    return wf;
  });
}
