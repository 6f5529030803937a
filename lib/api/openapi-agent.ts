import {
  applyBody,
  applyResponse,
  contextBody,
  contextResponse,
  createSessionBody,
  listSessionsQuery,
  planBody,
  planResponse,
  routeBody,
  routeResponse,
  sessionDeletedResponse,
  sessionDetailResponse,
  sessionListResponse,
  sessionUpdatedResponse,
  updateSessionBody,
} from "./agent-schemas";
import type { Operation } from "./openapi";

const REPO =
  "`repo` is a path under the server's allowed repository roots (`TANDEM_REPO_ROOTS`), absolute or relative to a root; a folder or file inside the repository becomes the focus. With `session_id` (one of your own open sessions) the session's repository is used when `repo` is left out, its recent messages go into the context, and the exchange is added to it.";
const SESSION_404 = "No such session, or it is another user's (the two answer alike); or no repository at `repo`.";
const errorText = {
  400: "The body is not valid, or `repo` is outside the allowed roots or not a git repository.",
  403: "You lack the permission named in the message (`code.use`, or `code.edit` to apply, at WRITE), or a cookie request from another site.",
  404: SESSION_404,
  409: "The session is closed; reopen it first.",
};

const verb = (o: Omit<Operation, "method" | "errors" | "errorText">, extra: Partial<Record<number, string>> = {}): Operation => ({
  method: "post",
  errors: [400, 403, 404, 409],
  errorText: { ...errorText, ...extra },
  ...o,
});

/** The documented agent operations: route, context, plan and apply, and the caller's own sessions. */
export const agentOperations: Operation[] = [
  verb({
    path: "/api/v1/agent/route",
    operationId: "agentRoute",
    summary: "Classify a goal and suggest an engine",
    description: "The goal's intent (fix, feature, refactor, …) and the engine and model that have worked best for you on it. Reads no repository. Needs `code.use` at WRITE.",
    body: { name: "AgentRouteBody", schema: routeBody },
    ok: { status: 200, name: "AgentRoute", schema: routeResponse, description: "The intent and the suggested engine." },
  }),
  verb({
    path: "/api/v1/agent/context",
    operationId: "agentContext",
    summary: "Build a repository's context bundle",
    description: `The files an engine would see for a request, cut to \`budget_tokens\`: uncommitted changes first, then \`paths\`, then related files, with the tree and the diff. ${REPO} Needs \`code.use\` at WRITE.`,
    body: { name: "AgentContextBody", schema: contextBody },
    ok: { status: 200, name: "ContextBundle", schema: contextResponse, description: "The bundle; `repo` is relative to its root." },
  }),
  verb({
    path: "/api/v1/agent/plan",
    operationId: "agentPlan",
    summary: "Ask for a plan (and maybe a patch)",
    description: `Routes the goal, builds the context and asks the engine. Within a session the plan becomes the session's current plan. ${REPO} Needs \`code.use\` at WRITE.`,
    body: { name: "AgentPlanBody", schema: planBody },
    ok: { status: 200, name: "AgentPlan", schema: planResponse, description: "The plan, the patch if any, and how it was made." },
  }),
  verb(
    {
      path: "/api/v1/agent/apply",
      operationId: "agentApply",
      summary: "Apply a patch on a new branch",
      description: `Commits the patch (a unified diff, up to 1 MB) on a new branch, which is left checked out; the original branch is untouched. Refuses a dirty working tree, a patch that does not apply, and any path outside the repository or in \`.git\`, leaving the repository as it was. ${REPO} Needs \`code.edit\` at WRITE.`,
      body: { name: "AgentApplyBody", schema: applyBody },
      ok: { status: 200, name: "AgentApplied", schema: applyResponse, description: "The branch and commit made." },
    },
    {
      400: "The body is not valid, `repo` is outside the allowed roots, the patch names a path it may not touch, or it does not apply.",
      409: "The session is closed, the working tree has uncommitted changes, or `branch` already exists.",
    },
  ),
  {
    method: "get",
    path: "/api/v1/agent/sessions",
    operationId: "listAgentSessions",
    summary: "List your agent sessions",
    description: "Only your own, most recent activity first; `status` picks open, closed or all (the default).",
    query: listSessionsQuery,
    ok: { status: 200, name: "AgentSessionList", schema: sessionListResponse, description: "Your sessions." },
    errors: [400],
  },
  {
    method: "post",
    path: "/api/v1/agent/sessions",
    operationId: "createAgentSession",
    summary: "Open an agent session",
    description: "In a repository under the allowed roots, optionally on a work item you can read; titled after the repository (and the item) unless `title` is given.",
    body: { name: "CreateAgentSessionBody", schema: createSessionBody },
    ok: { status: 201, name: "AgentSessionUpdated", schema: sessionUpdatedResponse, description: "The new session; `Location` names it." },
    errors: [400, 404],
    errorText: { 404: "No repository at `repo`, or no work item you can read with that id." },
  },
  {
    method: "get",
    path: "/api/v1/agent/sessions/{id}",
    operationId: "getAgentSession",
    summary: "Get one of your sessions with its messages",
    ok: { status: 200, name: "AgentSessionDetail", schema: sessionDetailResponse, description: "The session and its last 50 messages." },
    errors: [404],
    errorText: { 404: SESSION_404 },
  },
  {
    method: "patch",
    path: "/api/v1/agent/sessions/{id}",
    operationId: "updateAgentSession",
    summary: "Rename, attach an item, replace the plan, close or reopen a session",
    description: "Only the fields sent change. `workItemId` null detaches the item; `currentPlan` must be a valid plan or null; `status` closes or reopens.",
    body: { name: "UpdateAgentSessionBody", schema: updateSessionBody },
    ok: { status: 200, name: "AgentSessionUpdated", schema: sessionUpdatedResponse, description: "The session after the change." },
    errors: [400, 404],
    errorText: { 404: SESSION_404 },
  },
  {
    method: "delete",
    path: "/api/v1/agent/sessions/{id}",
    operationId: "deleteAgentSession",
    summary: "Delete a session and its messages",
    ok: { status: 200, name: "AgentSessionDeleted", schema: sessionDeletedResponse, description: "The session is gone." },
    errors: [404],
    errorText: { 404: SESSION_404 },
  },
];
