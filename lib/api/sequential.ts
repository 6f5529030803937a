import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { Workflow } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { sequentialGraph } from "@/lib/engine/sequential";
import { Invalid } from "@/lib/errors";
import { definitionOf, newStage } from "@/lib/workflows/definition";
import { createWorkflow } from "@/lib/workflows/templates";
import type { SequentialWorkflowBody } from "./workflow-run-schemas";

/*
 * The plain sequential list of POST /api/v1/workflows, translated into an ordinary workflow: an
 * automation stage "Run" whose task graph is the list (one agent task per step, each after the one
 * before), then a human stage "Done". It is created, validated and audited like any other workflow.
 */

const STEP_PATH = /^stages\.0\.taskGraph\.tasks\.(\d+)(\..*)?$/;

/**
 * Problems of the generated definition point at the stage's task graph; the caller sent `tasks`, so each
 * is keyed and told by its step there (`tasks.1.input.text`, “Step 2 (writer): …”).
 */
function asStepProblems(err: Invalid, body: SequentialWorkflowBody): Invalid {
  const fields: Record<string, string[]> = {};
  let first: string | null = null;
  for (const [key, messages] of Object.entries(err.fieldErrors ?? {})) {
    const m = STEP_PATH.exec(key);
    const step = m ? Number(m[1]) : null;
    const at = step === null ? key : `tasks.${step}${m![2] ?? ""}`;
    (fields[at] ??= []).push(...messages);
    if (first === null && step !== null) first = `Step ${step + 1} (${body.tasks[step]?.agent ?? "?"}): ${messages[0]}`;
  }
  const n = Object.values(fields).flat().length;
  return new Invalid(first ? `${first}${n > 1 ? ` (and ${n - 1} more ${n === 2 ? "problem" : "problems"})` : ""}` : err.message, fields);
}

/** Creates a workflow from the sequential list: personal, or of `teamId` with the usual rules for team workflows. */
export async function createSequentialWorkflow(db: Db, actor: Actor, body: SequentialWorkflowBody): Promise<Workflow> {
  const run = { ...newStage(randomUUID(), "AUTOMATION", "Run"), taskGraph: sequentialGraph(body.tasks) };
  const definition = definitionOf([run, newStage(randomUUID(), "HUMAN", "Done")]);
  const target = body.teamId ? { visibility: "team" as const, teamId: body.teamId } : { visibility: "personal" as const, teamId: null };
  try {
    return await createWorkflow(db, actor, { name: body.name, description: body.description, ...target, definition });
  } catch (err) {
    throw err instanceof Invalid ? asStepProblems(err, body) : err;
  }
}
