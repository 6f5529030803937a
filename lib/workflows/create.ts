import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { type NewWorkflow, type VersionSource, type Workflow, stages, workflowVersions, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { permissionLevel } from "@/lib/auth/actor";
import { Forbidden, Invalid } from "@/lib/errors";
import { type WorkflowDefinition, definitionOf, newStage, stageConfigOf } from "./definition";
import type { TargetInput } from "./schemas";

/** The stages a blank workflow starts with. */
export function blankDefinition(): WorkflowDefinition {
  return definitionOf([newStage(randomUUID(), "HUMAN", "To do"), newStage(randomUUID(), "HUMAN", "Doing"), newStage(randomUUID(), "HUMAN", "Done")]);
}

/** The same definition with new stage ids, for a copy that must not share rows with its source. */
export function withFreshStageIds(def: WorkflowDefinition): WorkflowDefinition {
  return { ...def, stages: def.stages.map((s) => ({ ...s, id: randomUUID() })) };
}

/**
 * Checks that the actor may put a workflow where `target` says: personal is always theirs; a team needs
 * write access to workflows in one of their teams; global (everyone sees it) needs an instance admin.
 * Returns the owner columns to write.
 */
export function ownerFor(actor: Actor, target: Pick<TargetInput, "visibility" | "teamId">) {
  if (target.visibility === "global" && !actor.isAdmin) {
    throw new Forbidden("Only instance admins can share with everyone (global visibility).");
  }
  if (target.visibility === "team" && !target.teamId) {
    throw new Invalid("Choose the team that will own it.", { teamId: ["Choose a team."] });
  }
  if (target.teamId) {
    // A team the actor is not in answers like one that does not exist.
    if (!actor.memberships.some((m) => m.teamId === target.teamId)) {
      throw new Invalid("Choose one of your teams.", { teamId: ["Choose one of your teams."] });
    }
    if (!atLeast(permissionLevel(actor, "workflows.manage", target.teamId), "WRITE")) {
      throw new Forbidden("You need write access to that team's workflows to add one.");
    }
  }
  return { ownerUserId: actor.userId, ownerTeamId: target.visibility === "personal" ? null : target.teamId, visibility: target.visibility };
}

/**
 * Writes a new workflow with `definition` as its version 1: the workflow row, its stage rows and the
 * version row. The caller runs it inside its transaction and audits the reason.
 */
export async function insertWorkflow(
  tx: Db,
  values: Omit<NewWorkflow, "version">,
  definition: WorkflowDefinition,
  source: VersionSource,
  createdById: string | null,
): Promise<Workflow> {
  const [wf] = await tx
    .insert(workflows)
    .values({ ...values, version: 1 })
    .returning();
  if (definition.stages.length > 0) {
    await tx.insert(stages).values(
      definition.stages.map((s, i) => ({ id: s.id, workflowId: wf!.id, name: s.name.trim(), position: i, type: s.type, config: stageConfigOf(s) })),
    );
  }
  await tx.insert(workflowVersions).values({ workflowId: wf!.id, version: 1, definition, source, createdById });
  return wf!;
}
