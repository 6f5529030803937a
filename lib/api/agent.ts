import type { AgentSession } from "@/db/schema";
import { repoLabel } from "@/lib/agents/repo-label";
import { agentApply, agentContext, agentPlan, agentRoute } from "@/lib/agents/service";
import { createSession, deleteSession, getSession, listSessions, recentMessages, updateSession } from "@/lib/agents/sessions";
import {
  applyBody,
  contextBody,
  createSessionBody,
  listSessionsQuery,
  planBody,
  routeBody,
  updateSessionBody,
} from "./agent-schemas";
import { type ApiContext, handleApi, parseBody, parseQuery } from "./core";

/*
 * The agent routes of /api/v1: the orchestrator's four verbs and the caller's own sessions. Each parses the
 * request and calls one function of lib/agents. Answers name repositories by `repo` (relative to the
 * allowed root holding them), never by the server's absolute path.
 */

/** A patch may be 1 MB; JSON escaping (a `\n` per line, quotes) needs room beyond that in the body. */
export const APPLY_BODY_CHARS = 2 * 1024 * 1024;
const SESSION_MESSAGES = 50;

/** A session as the API shows it. */
export function sessionJson(session: AgentSession) {
  return {
    id: session.id,
    title: session.title,
    repo: repoLabel(session.repoRoot),
    workItemId: session.workItemId,
    status: session.status,
    currentPlan: session.currentPlan ?? null,
    createdAt: session.createdAt,
    lastActivityAt: session.lastActivityAt,
    closedAt: session.closedAt,
  };
}

/** POST /api/v1/agent/route: the goal's intent and the engine and model suggested for it. */
export function agentRouteRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => Response.json(await agentRoute(db, actor, await parseBody(req, routeBody))));
}

/** POST /api/v1/agent/context: the context bundle of a repository (or the session's). */
export function agentContextRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const { repoRoot, ...bundle } = await agentContext(db, actor, await parseBody(req, contextBody));
    return Response.json({ repo: repoLabel(repoRoot), ...bundle });
  });
}

/** POST /api/v1/agent/plan: a plan (and maybe a patch) for a goal; within a session it becomes the current plan. */
export function agentPlanRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const { repoRoot, ...answer } = await agentPlan(db, actor, await parseBody(req, planBody));
    return Response.json({ repo: repoLabel(repoRoot), ...answer });
  });
}

/** POST /api/v1/agent/apply: a patch committed on a new branch (code.edit). */
export function agentApplyRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const { repoRoot, ...result } = await agentApply(db, actor, await parseBody(req, applyBody, APPLY_BODY_CHARS));
    return Response.json({ repo: repoLabel(repoRoot), ...result });
  });
}

/** GET /api/v1/agent/sessions: the caller's sessions, most recent activity first. */
export function listAgentSessionsRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const sessions = await listSessions(db, actor, parseQuery(req, listSessionsQuery));
    return Response.json({ sessions: sessions.map(sessionJson) });
  });
}

/** POST /api/v1/agent/sessions: a new session in a repository under the allowed roots. */
export function createAgentSessionRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const session = await createSession(db, actor, await parseBody(req, createSessionBody));
    return Response.json({ session: sessionJson(session) }, { status: 201, headers: { Location: `/api/v1/agent/sessions/${session.id}` } });
  });
}

/** GET /api/v1/agent/sessions/{id}: one of the caller's sessions with its recent messages. */
export function getAgentSessionRoute(ctx: ApiContext, _req: Request, sessionId: string) {
  return handleApi(ctx, async (actor, db) => {
    const session = await getSession(db, actor, sessionId);
    return Response.json({ session: sessionJson(session), messages: await recentMessages(db, session.id, SESSION_MESSAGES) });
  });
}

/** PATCH /api/v1/agent/sessions/{id}: rename, attach or detach an item, replace the plan, close or reopen. */
export function updateAgentSessionRoute(ctx: ApiContext, req: Request, sessionId: string) {
  return handleApi(ctx, async (actor, db) => {
    const body = await parseBody(req, updateSessionBody);
    return Response.json({ session: sessionJson(await updateSession(db, actor, sessionId, body)) });
  });
}

/** DELETE /api/v1/agent/sessions/{id}: the session and its messages. */
export function deleteAgentSessionRoute(ctx: ApiContext, _req: Request, sessionId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { id } = await deleteSession(db, actor, sessionId);
    return Response.json({ id, deleted: true });
  });
}
