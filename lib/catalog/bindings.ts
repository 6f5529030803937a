import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentRoleBindings, users, type Workflow } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/log";
import { atLeast } from "@/lib/auth/permissions";
import { Forbidden, Invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { WorkflowDefinition } from "@/lib/workflows/definition";
import { loadDefinition } from "@/lib/workflows/versions";
import { type AgentView, listAgents, requireAgent } from "./agents";
import { bindRoleInput } from "./schemas";

/**
 * Which catalog agent plays each role of a workflow's task graphs. A role lists the capabilities it
 * needs; an agent binds to it only when its latest version has them all, and only when everyone who
 * can see the workflow can see the agent (a personal agent cannot serve a team's workflow).
 */

/** A role as the workflow's latest definition declares it, merged across the stages that use its id. */
export type WorkflowRole = { id: string; name: string; capabilities: string[]; stages: string[]; tasks: number };

/** The roles of a definition by id: capabilities are the union over stages, tasks counted where an agent task names it. */
export function rolesOf(def: WorkflowDefinition): WorkflowRole[] {
  const byId = new Map<string, WorkflowRole>();
  for (const stage of def.stages) {
    const graph = stage.taskGraph;
    if (!graph) continue;
    const touch = (id: string, name?: string) => {
      let r = byId.get(id);
      if (!r) byId.set(id, (r = { id, name: name || id, capabilities: [], stages: [], tasks: 0 }));
      if (name && r.name === id) r.name = name;
      if (!r.stages.includes(stage.name)) r.stages.push(stage.name);
      return r;
    };
    for (const role of graph.roles) {
      const r = touch(role.id, role.name);
      for (const c of role.capabilities) if (!r.capabilities.includes(c)) r.capabilities.push(c);
    }
    for (const t of graph.tasks) if (t.executor.kind === "agent" && t.executor.role.trim()) touch(t.executor.role.trim()).tasks++;
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The capabilities a role needs that an agent lacks (empty: it qualifies). */
export function missingCapabilities(role: Pick<WorkflowRole, "capabilities">, agent: Pick<AgentView, "capabilities">): string[] {
  return role.capabilities.filter((c) => !agent.capabilities.includes(c));
}

/**
 * Why an agent cannot serve a workflow, or null when it can. A personal workflow (its owner is the only
 * one binding) may use any agent its owner sees; a team's workflow (team or global) uses global agents
 * and that team's own, never a personal agent or another team's.
 */
export function audienceProblem(
  agent: Pick<AgentView, "visibility" | "ownerTeamId" | "ownerUserId" | "teamName" | "name">,
  wf: Pick<Workflow, "visibility" | "ownerTeamId" | "ownerUserId">,
): string | null {
  if (wf.visibility === "personal") {
    return agent.visibility !== "personal" || agent.ownerUserId === wf.ownerUserId ? null : `“${agent.name}” is someone else's personal agent.`;
  }
  if (agent.visibility === "global") return null;
  if (agent.visibility === "team" && agent.ownerTeamId === wf.ownerTeamId) return null;
  return agent.visibility === "personal"
    ? `“${agent.name}” is a personal agent; a shared workflow can use only its team's agents or global ones.`
    : `“${agent.name}” belongs to ${agent.teamName ?? "another team"}; this workflow can use only its own team's agents or global ones.`;
}

export type RoleBindingView = WorkflowRole & {
  agent: { id: string; name: string; kind: string; version: number; archived: boolean; missing: string[] } | null;
  boundByName: string | null;
  /** Agents the actor could bind here, with what each lacks (empty: it qualifies) or why it cannot serve. */
  candidates: { id: string; name: string; kind: string; missing: string[]; problem: string | null }[];
};

/** The roles of a workflow's latest definition with their bound agents and the agents that could play them. */
export async function listRoleBindings(db: Db, actor: Actor, workflowId: string) {
  const { workflow, definition } = await loadDefinition(db, actor, workflowId);
  const roles = rolesOf(definition);
  // A binding whose role the graph no longer has still shows, so it can be seen and removed.
  const bound = await db
    .select({ roleId: agentRoleBindings.roleId, agentId: agentRoleBindings.agentId, boundByName: users.name })
    .from(agentRoleBindings)
    .leftJoin(users, eq(users.id, agentRoleBindings.boundById))
    .where(eq(agentRoleBindings.workflowId, workflow.id));
  const agents = await listAgents(db, actor, { archived: true });
  const byId = new Map(agents.map((a) => [a.id, a]));
  for (const b of bound) if (!roles.some((r) => r.id === b.roleId)) roles.push({ id: b.roleId, name: `${b.roleId} (no longer in the graph)`, capabilities: [], stages: [], tasks: 0 });
  const views: RoleBindingView[] = roles.map((role) => {
    const b = bound.find((x) => x.roleId === role.id);
    const a = b ? byId.get(b.agentId) : undefined;
    return {
      ...role,
      // An agent bound by someone else that the actor cannot see still shows that the role is taken.
      agent: b
        ? a
          ? { id: a.id, name: a.name, kind: a.kind, version: a.version, archived: a.archivedAt !== null, missing: missingCapabilities(role, a) }
          : { id: b.agentId, name: "an agent you cannot see", kind: "", version: 0, archived: false, missing: [] }
        : null,
      boundByName: b?.boundByName ?? null,
      candidates: agents
        .filter((x) => x.archivedAt === null)
        .map((x) => ({ id: x.id, name: x.name, kind: x.kind, missing: missingCapabilities(role, x), problem: audienceProblem(x, workflow) })),
    };
  });
  return { workflow, roles: views };
}

/** Binds a catalog agent to a role of a workflow (or unbinds it), after checking capabilities and audience; audited. */
export async function bindRole(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(bindRoleInput, input);
  const { workflow, definition } = await loadDefinition(db, actor, data.workflowId);
  if (!atLeast(workflow.level, "WRITE")) {
    throw new Forbidden("You need write access to this workflow to choose its agents.");
  }
  if (data.agentId === null) {
    // Unbinding works for a role the graph no longer has too, so a stale binding can always be removed.
    await db.transaction(async (tx) => {
      const removed = await tx
        .delete(agentRoleBindings)
        .where(and(eq(agentRoleBindings.workflowId, workflow.id), eq(agentRoleBindings.roleId, data.roleId)))
        .returning({ roleId: agentRoleBindings.roleId });
      if (removed.length === 0) return;
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "agent.unbind",
        targetType: "workflow",
        targetId: workflow.id,
        requestId: actor.requestId,
        details: { roleId: data.roleId },
      });
    });
    return { roleId: data.roleId, agent: null };
  }
  const role = rolesOf(definition).find((r) => r.id === data.roleId);
  if (!role) throw new Invalid(`This workflow has no role “${data.roleId}”. Add it to a task graph first.`, { roleId: ["Unknown role."] });
  const agent = await requireAgent(db, actor, data.agentId);
  if (agent.archivedAt) throw new Invalid(`“${agent.name}” is archived; restore it or choose another agent.`, { agentId: ["Archived."] });
  const missing = missingCapabilities(role, agent);
  if (missing.length) {
    const has = agent.capabilities.length ? `has only ${agent.capabilities.join(", ")}` : "has no capabilities";
    throw new Invalid(`The role “${role.name}” needs ${missing.join(", ")}; “${agent.name}” ${has}.`, { agentId: [`Lacks ${missing.join(", ")}.`] });
  }
  const problem = audienceProblem(agent, workflow);
  if (problem) throw new Invalid(problem, { agentId: [problem] });
  await db.transaction(async (tx) => {
    await tx
      .insert(agentRoleBindings)
      .values({ workflowId: workflow.id, roleId: role.id, agentId: agent.id, boundById: actor.userId })
      .onConflictDoUpdate({
        target: [agentRoleBindings.workflowId, agentRoleBindings.roleId],
        set: { agentId: agent.id, boundById: actor.userId, boundAt: new Date() },
      });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "agent.bind",
      targetType: "workflow",
      targetId: workflow.id,
      requestId: actor.requestId,
      details: { roleId: role.id, agentId: agent.id, agentName: agent.name },
    });
  });
  return { roleId: role.id, agent: { id: agent.id, name: agent.name, version: agent.version } };
}
