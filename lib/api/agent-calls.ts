import { listRunAgentCalls, runSpend, workflowSpend } from "@/lib/catalog/queries";
import { decideAgentCall } from "@/lib/runs/agent-decisions";
import { agentSpendQuery, decideAgentCallBody } from "./agent-call-schemas";
import { pathId } from "./catalog";
import { type ApiContext, handleApi, parseBody, parseQuery } from "./core";

/*
 * The agent-call routes of /api/v1: a run's agent calls with its spend, a person's decision on a call
 * that waits, and a workflow's agent spend. Access is the run's or the workflow's.
 */

/**
 * GET /api/v1/runs/{id}/agent-calls: every agent call of the run (transcript, tokens, cost, guardrails,
 * gate) and the run's spend, in one answer: both read the same rows under the same access check.
 */
export function runAgentCallsRoute(ctx: ApiContext, _req: Request, runId: string) {
  return handleApi(ctx, async (actor, db) => {
    const [calls, spend] = await Promise.all([listRunAgentCalls(db, actor, runId), runSpend(db, actor, runId)]);
    return Response.json({ calls, spend });
  });
}

/** POST /api/v1/runs/{id}/agent-decisions: approves or denies an agent call that waits for a person. */
export function decideAgentCallRoute(ctx: ApiContext, req: Request, runId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathId(runId, "Run");
    const body = await parseBody(req, decideAgentCallBody);
    return Response.json(await decideAgentCall(db, actor, { ...body, runId: id }));
  });
}

/** GET /api/v1/workflows/{id}/agent-spend: the workflow's agent calls, tokens and cost since `since` (all time by default). */
export function workflowSpendRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { since } = parseQuery(req, agentSpendQuery);
    const from = since ? new Date(since) : undefined;
    const spend = await workflowSpend(db, actor, workflowId, from);
    return Response.json({ workflowId, since: from?.toISOString() ?? null, ...spend });
  });
}
