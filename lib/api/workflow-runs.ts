import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { Executor } from "@/lib/engine/graph-schema";
import { NotFound } from "@/lib/errors";
import { listRunnableDefinitions } from "@/lib/runs/definitions";
import { getRunView, listRuns } from "@/lib/runs/queries";
import { startRunFor } from "@/lib/runs/start";
import { parseInput } from "@/lib/validation";
import { requireWorkflow } from "@/lib/workflows/access";
import { workflowId as workflowIdSchema } from "@/lib/workflows/schemas";
import { loadDefinition } from "@/lib/workflows/versions";
import { type ApiContext, handleApi, parseBody } from "./core";
import { runJson } from "./runs";
import { executeBody, startRunBody } from "./workflow-run-schemas";

/*
 * Running workflows on request: what can be run, starting a run of a definition, and the sequential
 * shape's execute-and-poll pair (`/workflows/{id}/execute`, `GET /workflows/{id}`).
 */

/** A JSON body that may be left out: no body (or only whitespace) parses as `{}`. */
async function optionalBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await req.clone().text();
  return text.trim() ? parseBody(req, schema) : parseInput(schema, {});
}

/** The name a status shows for a task's worker: the agent's role, or the kind of a non-agent task. */
const agentOf = (executor: Executor) => (executor.kind === "agent" ? executor.role : executor.kind);

/** GET /api/v1/workflows/definitions: every automated stage the caller can start, as a workflow descriptor. */
export function listDefinitionsRoute(ctx: ApiContext, _req: Request) {
  return handleApi(ctx, async (actor, db) => Response.json({ definitions: await listRunnableDefinitions({ db, actor }) }));
}

/** POST /api/v1/workflows/start: starts a run of a definition (a stage, or a workflow with one automated stage). */
export function startRunRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const body = await parseBody(req, startRunBody);
    const run = await startRunFor(db, actor, body);
    return Response.json({ run: runJson(run) }, { status: 201, headers: { Location: `/api/v1/runs/${run.id}` } });
  });
}

/** POST /api/v1/workflows/{id}/execute: runs the workflow's one automated stage with an optional `{context}`. */
export function executeWorkflowRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    // A malformed path id answers like a missing workflow (startRunFor would call it a bad definitionId).
    if (!workflowIdSchema.safeParse(workflowId).success) throw new NotFound("Workflow");
    const { context } = await optionalBody(req, executeBody);
    const run = await startRunFor(db, actor, { definitionId: workflowId, workflowId, context });
    return Response.json(
      { workflow_id: run.workflowId, run_id: run.id, status: "running", message: "Workflow execution started" },
      { status: 202, headers: { Location: `/api/v1/runs/${run.id}` } },
    );
  });
}

/** The latest run's tasks and results, or the first automated stage's tasks, all pending, when it never ran. */
async function workflowStatus(db: Db, actor: Actor, workflowId: string) {
  const workflow = await requireWorkflow(db, actor, workflowId, "READ");
  const [latest] = await listRuns({ db, actor, workflowId: workflow.id, limit: 1 });
  const head = { workflow_id: workflow.id, name: workflow.name };
  if (!latest) {
    const { definition } = await loadDefinition(db, actor, workflow.id);
    const stage = definition.stages.find((s) => s.type !== "HUMAN" && (s.taskGraph?.tasks.length ?? 0) > 0);
    const tasks = (stage?.taskGraph?.tasks ?? []).map((t) => ({ id: t.id, agent: agentOf(t.executor), status: "pending" }));
    return { ...head, status: "pending" as const, tasks, results: [], run_id: null };
  }
  const view = await getRunView({ db, actor, runId: latest.id });
  const defs = new Map(view.graph.tasks.map((t) => [t.id, t]));
  return {
    ...head,
    status: view.run.status,
    tasks: view.tasks.map((t) => ({ id: t.key, agent: agentOf(defs.get(t.key)!.executor), status: t.status })),
    results: view.tasks.filter((t) => t.status === "completed").map((t) => ({ step: t.key, output: t.output })),
    run_id: view.run.id,
  };
}

/** GET /api/v1/workflows/{id}: the workflow's latest run in the sequential shape's terms (status, tasks, results). */
export function workflowStatusRoute(ctx: ApiContext, _req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => Response.json(await workflowStatus(db, actor, workflowId)));
}
