import { z } from "zod";
import { archiveAgent, createAgent, listAgentVersions, listAgents, updateAgent } from "@/lib/catalog/agents";
import { bindRole, listRoleBindings } from "@/lib/catalog/bindings";
import { BUILTIN_POLICIES, deletePolicy, listPolicies, savePolicy } from "@/lib/catalog/policies";
import { NotFound } from "@/lib/errors";
import {
  archiveAgentBody,
  bindRoleBody,
  createAgentBody,
  createPolicyBody,
  listAgentsQuery,
  updateAgentBody,
  updatePolicyBody,
} from "./catalog-schemas";
import { type ApiContext, handleApi, parseBody, parseQuery } from "./core";

/*
 * The agent catalog's routes of /api/v1: agents and their versions, which agent plays each role of a
 * workflow, and guardrail policies. Each parses the request and calls one function of lib/catalog; the
 * path's ids always win over the body.
 */

const uuid = z.string().uuid();

/**
 * A path id that is not a UUID answers like a missing one. The write services validate their input (a
 * malformed id would be a 400) before they look anything up.
 */
export function pathId(id: string, what: string): string {
  if (!uuid.safeParse(id).success) throw new NotFound(what);
  return id;
}

/** GET /api/v1/agents: the agents the caller can see, by name; archived ones with `archived=true`. */
export function listAgentsRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const { archived } = parseQuery(req, listAgentsQuery);
    return Response.json({ agents: await listAgents(db, actor, { archived }) });
  });
}

/** POST /api/v1/agents: defines an agent (version 1) owned by the caller or one of their teams. */
export function createAgentRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const agent = await createAgent(db, actor, await parseBody(req, createAgentBody));
    return Response.json({ agent }, { status: 201, headers: { Location: `/api/v1/agents/${agent.id}` } });
  });
}

/** GET /api/v1/agents/{id}: the agent at its latest version, and every version. */
export function getAgentRoute(ctx: ApiContext, _req: Request, agentId: string) {
  return handleApi(ctx, async (actor, db) => Response.json(await listAgentVersions(db, actor, agentId)));
}

/** PUT /api/v1/agents/{id}: saves the next version; a stale `baseVersion` is a 409. */
export function updateAgentRoute(ctx: ApiContext, req: Request, agentId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathId(agentId, "Agent");
    const body = await parseBody(req, updateAgentBody);
    return Response.json({ agent: await updateAgent(db, actor, { ...body, agentId: id }) });
  });
}

/** POST /api/v1/agents/{id}/archive: archives (`archived: true`, the default) or restores an agent. */
export function archiveAgentRoute(ctx: ApiContext, req: Request, agentId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathId(agentId, "Agent");
    const { archived } = await parseBody(req, archiveAgentBody);
    return Response.json({ agent: await archiveAgent(db, actor, { agentId: id, archived }) });
  });
}

/** GET /api/v1/workflows/{id}/agents: the workflow's roles, the agent bound to each, and the candidates. */
export function listRoleBindingsRoute(ctx: ApiContext, _req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { workflow, roles } = await listRoleBindings(db, actor, workflowId);
    return Response.json({ workflow: { id: workflow.id, name: workflow.name, level: workflow.level }, roles });
  });
}

/** PUT /api/v1/workflows/{id}/agents/{roleId}: binds an agent to the role, if it has the capabilities the role needs. */
export function bindRoleRoute(ctx: ApiContext, req: Request, workflowId: string, roleId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathId(workflowId, "Workflow");
    const { agentId } = await parseBody(req, bindRoleBody);
    return Response.json(await bindRole(db, actor, { workflowId: id, roleId, agentId }));
  });
}

/** DELETE /api/v1/workflows/{id}/agents/{roleId}: the role goes back to the builtin planner. */
export function unbindRoleRoute(ctx: ApiContext, _req: Request, workflowId: string, roleId: string) {
  return handleApi(ctx, async (actor, db) => Response.json(await bindRole(db, actor, { workflowId: pathId(workflowId, "Workflow"), roleId, agentId: null })));
}

/** GET /api/v1/guardrails: the policies the caller can see, and the tags that work without one. */
export function listPoliciesRoute(ctx: ApiContext, _req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const builtin = Object.entries(BUILTIN_POLICIES).map(([tag, p]) => ({ tag, ...p }));
    return Response.json({ policies: await listPolicies(db, actor), builtin });
  });
}

/** POST /api/v1/guardrails: a new policy for a tag. */
export function createPolicyRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const policy = await savePolicy(db, actor, await parseBody(req, createPolicyBody));
    return Response.json({ policy }, { status: 201, headers: { Location: `/api/v1/guardrails/${policy.id}` } });
  });
}

/** PUT /api/v1/guardrails/{id}: replaces a policy's tag, description and checks. */
export function updatePolicyRoute(ctx: ApiContext, req: Request, policyId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathId(policyId, "Policy");
    const body = await parseBody(req, updatePolicyBody);
    return Response.json({ policy: await savePolicy(db, actor, { ...body, policyId: id }) });
  });
}

/** DELETE /api/v1/guardrails/{id}: tasks carrying its tag are no longer checked by it. */
export function deletePolicyRoute(ctx: ApiContext, _req: Request, policyId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { id } = await deletePolicy(db, actor, { policyId: pathId(policyId, "Policy") });
    return Response.json({ id, deleted: true });
  });
}
