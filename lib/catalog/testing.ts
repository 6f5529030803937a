import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentCalls, auditLog, runs } from "@/db/schema";
import { actorFor, addMember, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import type { AgentConfig } from "@/lib/agents/catalog/schemas";
import type { Actor } from "@/lib/auth/actor";
import type { TeamRole } from "@/lib/auth/permissions";
import { newTask, type Budget, type Task, type TaskGraph } from "@/lib/engine/graph-schema";
import { setSecret } from "@/lib/secrets/store";
import { moveItem } from "@/lib/work-items/move";
import { createItem } from "@/lib/work-items/service";
import { createAgent } from "./agents";
import { bindRole } from "./bindings";

/** Builders for the catalog's DB tests: a team, its workflow with an agent task, a bound agent, a run. Not used by the application. */

/** An agent task of `role` (one attempt, so a failure fails at once); `over` replaces any field. */
export function agentTask(id: string, role: string, over: Partial<Task> = {}): Task {
  return newTask(id, { kind: "agent", role, prompt: `Do ${id}.` }, { retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 0 }, ...over });
}

/**
 * A team (Ann its admin, Ben a member), a team workflow Inbox → Automate (`tasks` in a chain, role
 * `writer` needing `docs.write`) → Done, and an agent of `config` bound to the role.
 */
export async function catalogSetup(
  db: Db,
  o: { config: AgentConfig; tasks: Task[]; stagePolicyTags?: string[]; stageBudget?: Budget | null; secrets?: Record<string, string>; capabilities?: string[] },
) {
  const team = await createTeam(db);
  const annUser = await createUser(db, { name: "Ann" });
  const benUser = await createUser(db, { name: "Ben" });
  await addMember(db, team.id, annUser.id, "admin");
  await addMember(db, team.id, benUser.id, "member");
  const ann = await actorFor(db, annUser.id);
  const ben = await actorFor(db, benUser.id);
  const graph: TaskGraph = {
    roles: [{ id: "writer", name: "Writer", capabilities: ["docs.write"] }],
    tasks: o.tasks,
    edges: o.tasks.slice(1).map((t, i) => ({ from: o.tasks[i]!.id, to: t.id, condition: null })),
  };
  const wf = await createWorkflow(db, {
    ownerUserId: annUser.id,
    ownerTeamId: team.id,
    visibility: "team",
    stages: [{ name: "Inbox" }, { name: "Automate", type: "AUTOMATION", taskGraph: graph, policyTags: o.stagePolicyTags, budget: o.stageBudget ?? null }, { name: "Done" }],
  });
  for (const [name, value] of Object.entries(o.secrets ?? {})) await setSecret(db, ann, { scope: "team", teamId: team.id, name, value });
  const agent = await createAgent(db, ann, { name: "Scribe", config: o.config, capabilities: o.capabilities ?? ["docs.write"], visibility: "team", teamId: team.id });
  await bindRole(db, ann, { workflowId: wf.id, roleId: "writer", agentId: agent.id });
  return { team, wf, ann, ben, agent };
}

/** Moves a new item into the automation stage and returns the run that starts. */
export async function startItemRun(db: Db, s: Awaited<ReturnType<typeof catalogSetup>>, title = "Write the release notes") {
  const item = await createItem(db, s.ann, { workflowId: s.wf.id, title });
  await moveItem(db, s.ann, { id: item.id, toStageId: s.wf.stages[1]!.id });
  const [run] = await db.select().from(runs).where(eq(runs.workItemId, item.id));
  return run!;
}

/** A run's agent call rows, in order. */
export async function callsOf(db: Db, runId: string) {
  return db.select().from(agentCalls).where(eq(agentCalls.runId, runId)).orderBy(agentCalls.id);
}

/**
 * Two teams and their people for the catalog's rule tests: Platform (Ada admin, Max member, Vi viewer),
 * Growth (Gus admin), Dana a member of both, and Root, an instance admin in neither.
 */
export async function catalogPeople(db: Db) {
  const platform = await createTeam(db, { name: "Platform" });
  const growth = await createTeam(db, { name: "Growth" });
  const person = async (name: string, memberships: [string, TeamRole][], isAdmin = false) => {
    const user = await createUser(db, { name, isAdmin });
    for (const [teamId, role] of memberships) await addMember(db, teamId, user.id, role);
    return actorFor(db, user.id);
  };
  return {
    platform,
    growth,
    ada: await person("Ada", [[platform.id, "admin"]]),
    max: await person("Max", [[platform.id, "member"]]),
    vi: await person("Vi", [[platform.id, "viewer"]]),
    gus: await person("Gus", [[growth.id, "admin"]]),
    dana: await person("Dana", [[platform.id, "member"], [growth.id, "member"]]),
    root: await person("Root", [], true),
  };
}

/** A task graph with the role `writer` (“Writer”, needing docs.write) and one agent task playing it. */
export function writerGraph(): TaskGraph {
  return { roles: [{ id: "writer", name: "Writer", capabilities: ["docs.write"] }], tasks: [agentTask("notes", "writer")], edges: [] };
}

/** A workflow Inbox → Automate (the writer graph) → Done: `teamId`'s when given, else `owner`'s personal one. */
export async function writerWorkflow(db: Db, o: { owner: Actor; teamId?: string | null }) {
  return createWorkflow(db, {
    ownerUserId: o.owner.userId,
    ownerTeamId: o.teamId ?? null,
    visibility: o.teamId ? "team" : "personal",
    stages: [{ name: "Inbox" }, { name: "Automate", type: "AUTOMATION", taskGraph: writerGraph() }, { name: "Done" }],
  });
}

/** `createAgent`'s input for a builtin team agent named `name` that can docs.write; `over` replaces any field. */
export function agentInput(name: string, over: Record<string, unknown> = {}) {
  return { name, config: { kind: "builtin" }, capabilities: ["docs.write"], visibility: "team", ...over };
}

/** The audit actions recorded about `targetId` (an agent, a workflow, a policy), oldest first. */
export async function auditActions(db: Db, targetId: string) {
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(auditLog.seq);
  return rows.map((r) => r.action);
}
