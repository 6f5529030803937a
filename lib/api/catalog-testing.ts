import type { Db } from "@/db/client";
import { createWorkflow } from "@/db/testing/factories";
import type { TaskGraph } from "@/lib/engine/graph-schema";
import { task } from "@/lib/engine/testing";
import { createAgent } from "@/lib/catalog/agents";
import { decideAgentCallRoute, runAgentCallsRoute, workflowSpendRoute } from "./agent-calls";
import {
  archiveAgentRoute,
  bindRoleRoute,
  createAgentRoute,
  createPolicyRoute,
  deletePolicyRoute,
  getAgentRoute,
  listAgentsRoute,
  listPoliciesRoute,
  listRoleBindingsRoute,
  unbindRoleRoute,
  updateAgentRoute,
  updatePolicyRoute,
} from "./catalog";
import type { ApiContext } from "./core";
import { createRunWorld } from "./runs-testing";
import { type Who, apiCtx, apiRequest } from "./testing";

/** Test helpers for the catalog routes: the run world plus a workflow with a role, another team's agent, and one caller per route. */

/** One agent task played by the role “reviewer”, which needs `code.review`. */
export const reviewGraph: TaskGraph = {
  roles: [{ id: "reviewer", name: "Reviewer", capabilities: ["code.review"] }],
  tasks: [task("review", { executor: { kind: "agent", role: "reviewer", prompt: "Review the change." } })],
  edges: [],
};

/**
 * The run world (team A: owner, teammate, viewer; team B: otherTeam; workflows `gated`, `agent`, `foreign`)
 * plus team A's `reviewed` workflow, whose automation stage needs a “reviewer”, and team B's agent `theirs`
 * (which has `code.review`, so only its owner keeps it from team A's workflows).
 */
export async function createCatalogWorld(db: Db) {
  const w = await createRunWorld(db);
  const teamB = w.people.otherTeam.memberships[0]!.teamId;
  const reviewed = await createWorkflow(db, {
    name: "Reviewed",
    ownerUserId: w.people.owner.userId,
    ownerTeamId: w.teamA,
    visibility: "team",
    stages: [{ name: "Inbox" }, { name: "Automate", type: "AUTOMATION", taskGraph: reviewGraph }, { name: "Done" }],
  });
  const theirs = await createAgent(db, w.people.otherTeam, { name: "Their reviewer", capabilities: ["code.review"], config: { kind: "builtin" }, teamId: teamB });
  return { ...w, teamB, reviewed, theirs };
}

type IdRoute = (ctx: ApiContext, req: Request, id: string) => Promise<Response>;

/** Callers for each catalog route as `who` (null: no credentials), answering status, headers and JSON. */
export function catalogApi(db: () => Db, tokens: () => Record<Who, string>) {
  async function send(who: Who | null, method: string, path: string, run: (c: ApiContext, r: Request) => Promise<Response>, body?: unknown) {
    const res = await run(apiCtx(db(), who ? tokens()[who] : null, { method }), apiRequest(method, path, body));
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }
  const withId = (method: string, route: IdRoute, path: (id: string) => string) => (who: Who | null, id: string, body?: unknown) =>
    send(who, method, path(id), (c, r) => route(c, r, id), body);
  const role = (method: string, route: typeof bindRoleRoute) => (who: Who | null, workflowId: string, roleId: string, body?: unknown) =>
    send(who, method, `/api/v1/workflows/${workflowId}/agents/${encodeURIComponent(roleId)}`, (c, r) => route(c, r, workflowId, roleId), body);
  return {
    listAgents: (who: Who | null, query = "") => send(who, "GET", `/api/v1/agents${query}`, listAgentsRoute),
    createAgent: (who: Who | null, body: unknown) => send(who, "POST", "/api/v1/agents", createAgentRoute, body),
    getAgent: withId("GET", getAgentRoute, (id) => `/api/v1/agents/${id}`),
    updateAgent: withId("PUT", updateAgentRoute, (id) => `/api/v1/agents/${id}`),
    archiveAgent: withId("POST", archiveAgentRoute, (id) => `/api/v1/agents/${id}/archive`),
    roles: withId("GET", listRoleBindingsRoute, (id) => `/api/v1/workflows/${id}/agents`),
    bind: role("PUT", bindRoleRoute),
    unbind: role("DELETE", unbindRoleRoute),
    listPolicies: (who: Who | null) => send(who, "GET", "/api/v1/guardrails", listPoliciesRoute),
    createPolicy: (who: Who | null, body: unknown) => send(who, "POST", "/api/v1/guardrails", createPolicyRoute, body),
    updatePolicy: withId("PUT", updatePolicyRoute, (id) => `/api/v1/guardrails/${id}`),
    deletePolicy: withId("DELETE", deletePolicyRoute, (id) => `/api/v1/guardrails/${id}`),
    agentCalls: withId("GET", runAgentCallsRoute, (id) => `/api/v1/runs/${id}/agent-calls`),
    decide: withId("POST", decideAgentCallRoute, (id) => `/api/v1/runs/${id}/agent-decisions`),
    spend: (who: Who | null, workflowId: string, query = "") =>
      send(who, "GET", `/api/v1/workflows/${workflowId}/agent-spend${query}`, (c, r) => workflowSpendRoute(c, r, workflowId)),
  };
}
