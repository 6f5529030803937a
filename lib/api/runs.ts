import { z } from "zod";
import type { Database, Db } from "@/db/client";
import type { Run, TaskRun } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { cancelRun, pauseRun, resumeRun, retryRun } from "@/lib/runs/control";
import { decideApproval, submitTaskOutput } from "@/lib/runs/decisions";
import { getRunView, listRuns } from "@/lib/runs/queries";
import { runEventStream } from "@/lib/runs/stream";
import { type ApiContext, handleApi, parseBody, parseQuery } from "./core";
import { decideApprovalBody, listRunsQuery, retryRunBody, runEventsQuery, submitTaskBody } from "./run-schemas";

/*
 * The run routes of /api/v1: read a run or a list of them, control it (pause, resume, cancel, retry),
 * decide its approvals, complete its human tasks, and follow its events. Each parses the request and
 * calls one function of lib/runs; the path's run id always wins over the body.
 */

const uuid = z.string().uuid();

/** A path id that is not a UUID answers like a missing run (the services would call it a bad input). */
function pathRunId(id: string): string {
  if (!uuid.safeParse(id).success) throw new NotFound("Run");
  return id;
}

/** A run as the API shows it: the columns programs need, named as in the OpenAPI document. */
export function runJson(run: Run) {
  return {
    id: run.id,
    workflowId: run.workflowId,
    stageId: run.stageId,
    workItemId: run.workItemId,
    definitionVersion: run.definitionVersion,
    status: run.status,
    origin: run.origin,
    input: run.input,
    output: run.output ?? null,
    error: run.error,
    initiatorId: run.initiatorId,
    conversationId: run.conversationId,
    pausedAt: run.pausedAt,
    timeoutMs: run.timeoutMs,
    deadlineAt: run.deadlineAt,
    lastSeq: run.lastSeq,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    updatedAt: run.updatedAt,
  };
}

/** A task run as the API shows it (without its worker lease). */
function taskRunJson(t: TaskRun) {
  const { leaseUntil: _lease, workerId: _worker, ...rest } = t;
  return { ...rest, input: rest.input ?? null, output: rest.output ?? null, errorDetails: rest.errorDetails ?? null };
}

/** GET /api/v1/runs/{id}: the run with its graph, each task's state, approvals and what the caller may do. */
export function getRunRoute(ctx: ApiContext, _req: Request, runId: string) {
  return handleApi(ctx, async (actor, db) => {
    const view = await getRunView({ db, actor, runId: pathRunId(runId) });
    return Response.json({ ...view, run: { ...runJson(view.run), initiator: view.run.initiator } });
  });
}

/** GET /api/v1/runs: runs the caller can see, newest first, by workflow, item and status. */
export function listRunsRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const { workflowId, workItemId, status, limit, before } = parseQuery(req, listRunsQuery);
    const runs = await listRuns({ db, actor, workflowId, workItemId, status, limit, before: before ? new Date(before) : undefined });
    return Response.json({ runs });
  });
}

type Control = (db: Db, actor: Actor, input: unknown) => Promise<Run>;

function controlRoute(control: Control) {
  return (ctx: ApiContext, _req: Request, runId: string) =>
    handleApi(ctx, async (actor, db) => Response.json(runJson(await control(db, actor, { runId: pathRunId(runId) }))));
}

/** POST /api/v1/runs/{id}/pause: running tasks finish, no new task starts. */
export const pauseRunRoute = controlRoute(pauseRun);
/** POST /api/v1/runs/{id}/resume: a paused run goes on. */
export const resumeRunRoute = controlRoute(resumeRun);
/** POST /api/v1/runs/{id}/cancel: unfinished tasks are cancelled. */
export const cancelRunRoute = controlRoute(cancelRun);

/** POST /api/v1/runs/{id}/retry: runs a failed or cancelled run again from `taskKey`. */
export function retryRunRoute(ctx: ApiContext, req: Request, runId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathRunId(runId);
    const { taskKey } = await parseBody(req, retryRunBody);
    return Response.json(runJson(await retryRun(db, actor, { runId: id, taskKey })));
  });
}

/** POST /api/v1/runs/{id}/approvals: approves or rejects a waiting approval task. */
export function decideApprovalRoute(ctx: ApiContext, req: Request, runId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathRunId(runId);
    const body = await parseBody(req, decideApprovalBody);
    return Response.json(await decideApproval(db, actor, { ...body, runId: id }));
  });
}

/** POST /api/v1/runs/{id}/tasks: completes a waiting human task with its output. */
export function submitTaskRoute(ctx: ApiContext, req: Request, runId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathRunId(runId);
    const body = await parseBody(req, submitTaskBody);
    return Response.json(taskRunJson(await submitTaskOutput(db, actor, { ...body, runId: id })));
  });
}

/** GET /api/v1/runs/{id}/events: the run's events as server-sent events; resumes after `Last-Event-ID`. */
export function runEventsRoute(ctx: ApiContext, req: Request, database: Database, runId: string) {
  return handleApi(ctx, async (actor) => {
    const id = pathRunId(runId);
    const header = req.headers.get("last-event-id")?.trim();
    const after = header && /^\d{1,9}$/.test(header) ? Number(header) : parseQuery(req, runEventsQuery).after;
    const stream = await runEventStream({ database, actor, runId: id, after, signal: req.signal });
    return new Response(stream, {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
    });
  });
}
