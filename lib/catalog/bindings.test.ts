import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agentRoleBindings } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { type Task, type TaskGraph, newTask } from "@/lib/engine/graph-schema";
import { definitionOf, stageDefOf } from "@/lib/workflows/definition";
import { archiveAgent, createAgent } from "./agents";
import { bindRole, listRoleBindings, rolesOf } from "./bindings";
import { agentInput, agentTask, auditActions, catalogPeople, writerWorkflow } from "./testing";

/**
 * Which catalog agent plays a workflow's role: the agent must have every capability the role needs, be
 * live, be visible to the binder, and serve the workflow's whole audience (a team's workflow takes only
 * its team's agents and global ones). Only those who may change the workflow bind.
 */

describe("rolesOf", () => {
  const stage = (name: string, graph: TaskGraph | null) => stageDefOf({ id: randomUUID(), name, type: graph ? "AUTOMATION" : "HUMAN", config: {} }, graph);
  const fetch: Task = newTask("fetch", { kind: "http", method: "GET", url: "https://example.test", headers: {} });

  it("merges a role across stages: capabilities united, stages listed, agent tasks naming it counted; sorted by name", () => {
    const def = definitionOf([
      stage("Draft", {
        roles: [{ id: "writer", name: "Writer", capabilities: ["docs.write"] }],
        tasks: [agentTask("a", "writer"), agentTask("b", "writer"), agentTask("c", "editor"), fetch],
        edges: [],
      }),
      stage("Review", {
        roles: [
          { id: "writer", name: "Writer", capabilities: ["docs.review", "docs.write"] },
          { id: "editor", name: "Editor", capabilities: ["docs.edit"] },
        ],
        tasks: [agentTask("d", " writer "), agentTask("e", "  ")],
        edges: [],
      }),
      stage("Done", null),
    ]);
    expect(rolesOf(def)).toEqual([
      { id: "editor", name: "Editor", capabilities: ["docs.edit"], stages: ["Draft", "Review"], tasks: 1 },
      { id: "writer", name: "Writer", capabilities: ["docs.write", "docs.review"], stages: ["Draft", "Review"], tasks: 3 },
    ]);
  });

  it("finds no roles in a definition without task graphs", () => {
    expect(rolesOf(definitionOf([stage("To do", null), stage("Done", null)]))).toEqual([]);
  });
});

describeDb("catalog: role bindings", (db) => {
  let w: Awaited<ReturnType<typeof catalogPeople>>;
  beforeAll(async () => {
    w = await catalogPeople(db());
  });

  /** A fresh Platform workflow (owned by Ada) with the Writer role, so each test binds from scratch. */
  const platformWorkflow = () => writerWorkflow(db(), { owner: w.ada, teamId: w.platform.id });
  const platformAgent = (name: string, over: Record<string, unknown> = {}) => createAgent(db(), w.ada, agentInput(name, { teamId: w.platform.id, ...over }));
  const growthAgent = (name: string) => createAgent(db(), w.gus, agentInput(name, { teamId: w.growth.id }));
  const bindingsOf = (workflowId: string) => db().select().from(agentRoleBindings).where(eq(agentRoleBindings.workflowId, workflowId));

  it("binds a team agent that has the role's capabilities, shows it on the workflow, and audits agent.bind", async () => {
    const wf = await platformWorkflow();
    const scribe = await platformAgent("Scribe");
    expect(await bindRole(db(), w.max, { workflowId: wf.id, roleId: "writer", agentId: scribe.id })).toEqual({
      roleId: "writer",
      agent: { id: scribe.id, name: "Scribe", version: 1 },
    });
    const { roles } = await listRoleBindings(db(), w.vi, wf.id);
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({
      id: "writer",
      name: "Writer",
      capabilities: ["docs.write"],
      tasks: 1,
      agent: { id: scribe.id, name: "Scribe", kind: "builtin", version: 1, archived: false, missing: [] },
      boundByName: "Max",
    });
    expect(await auditActions(db(), wf.id)).toContain("agent.bind");
  });

  it("binding again replaces the role's agent", async () => {
    const wf = await platformWorkflow();
    const first = await platformAgent("First writer");
    const second = await platformAgent("Second writer");
    await bindRole(db(), w.ada, { workflowId: wf.id, roleId: "writer", agentId: first.id });
    await bindRole(db(), w.ada, { workflowId: wf.id, roleId: "writer", agentId: second.id });
    expect((await bindingsOf(wf.id)).map((b) => b.agentId)).toEqual([second.id]);
  });

  it("refuses a role the workflow does not declare (Invalid on roleId)", async () => {
    const wf = await platformWorkflow();
    const scribe = await platformAgent("Roleless");
    const bind = bindRole(db(), w.ada, { workflowId: wf.id, roleId: "reviewer", agentId: scribe.id });
    await expect(bind).rejects.toMatchObject({ code: "invalid", fieldErrors: { roleId: ["Unknown role."] } });
    expect(await bindingsOf(wf.id)).toEqual([]);
  });

  it("refuses an agent that lacks a capability the role needs, saying what it needs and what the agent has", async () => {
    const wf = await platformWorkflow();
    const critic = await platformAgent("Critic", { capabilities: ["code.review"] });
    const bind = bindRole(db(), w.ada, { workflowId: wf.id, roleId: "writer", agentId: critic.id });
    await expect(bind).rejects.toMatchObject({ code: "invalid", message: "The role “Writer” needs docs.write; “Critic” has only code.review." });
    expect(await bindingsOf(wf.id)).toEqual([]);
  });

  it("refuses an agent with no capabilities at all, saying so", async () => {
    const wf = await platformWorkflow();
    const blank = await platformAgent("Blank", { capabilities: [] });
    const bind = bindRole(db(), w.ada, { workflowId: wf.id, roleId: "writer", agentId: blank.id });
    await expect(bind).rejects.toMatchObject({ code: "invalid", message: "The role “Writer” needs docs.write; “Blank” has no capabilities." });
  });

  it("refuses an archived agent (Invalid)", async () => {
    const wf = await platformWorkflow();
    const old = await platformAgent("Archived writer");
    await archiveAgent(db(), w.ada, { agentId: old.id, archived: true });
    const bind = bindRole(db(), w.ada, { workflowId: wf.id, roleId: "writer", agentId: old.id });
    await expect(bind).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("is archived") });
    expect(await bindingsOf(wf.id)).toEqual([]);
  });

  it("answers NotFound for another team's agent the binder cannot see", async () => {
    const wf = await platformWorkflow();
    const theirs = await growthAgent("Growth hidden");
    await expect(bindRole(db(), w.ada, { workflowId: wf.id, roleId: "writer", agentId: theirs.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await bindingsOf(wf.id)).toEqual([]);
  });

  it("refuses another team's agent on a team's workflow even when the binder is in both teams", async () => {
    const wf = await platformWorkflow();
    const theirs = await growthAgent("Growth writer");
    const bind = bindRole(db(), w.dana, { workflowId: wf.id, roleId: "writer", agentId: theirs.id });
    await expect(bind).rejects.toMatchObject({
      code: "invalid",
      message: "“Growth writer” belongs to Growth; this workflow can use only its own team's agents or global ones.",
    });
    expect(await bindingsOf(wf.id)).toEqual([]);
  });

  it("refuses the binder's own personal agent on a team's workflow", async () => {
    const wf = await platformWorkflow();
    const mine = await createAgent(db(), w.dana, agentInput("Dana's writer", { visibility: "personal" }));
    const bind = bindRole(db(), w.dana, { workflowId: wf.id, roleId: "writer", agentId: mine.id });
    await expect(bind).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("“Dana's writer” is a personal agent") });
    expect(await bindingsOf(wf.id)).toEqual([]);
  });

  it("lets a team's workflow use a global agent", async () => {
    const wf = await platformWorkflow();
    const shared = await createAgent(db(), w.root, agentInput("Global writer", { visibility: "global" }));
    await bindRole(db(), w.ada, { workflowId: wf.id, roleId: "writer", agentId: shared.id });
    expect((await bindingsOf(wf.id)).map((b) => b.agentId)).toEqual([shared.id]);
  });

  it("lets a personal workflow use its owner's personal agent", async () => {
    const wf = await writerWorkflow(db(), { owner: w.max });
    const mine = await createAgent(db(), w.max, agentInput("Max's writer", { visibility: "personal" }));
    await bindRole(db(), w.max, { workflowId: wf.id, roleId: "writer", agentId: mine.id });
    expect((await bindingsOf(wf.id)).map((b) => b.agentId)).toEqual([mine.id]);
  });

  it("refuses a member who can only read the workflow (a viewer) with Forbidden", async () => {
    const wf = await platformWorkflow();
    const scribe = await platformAgent("Viewer's pick");
    await expect(bindRole(db(), w.vi, { workflowId: wf.id, roleId: "writer", agentId: scribe.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await bindingsOf(wf.id)).toEqual([]);
  });

  it("answers NotFound to someone outside the workflow's team, for binding and for listing", async () => {
    const wf = await platformWorkflow();
    const theirs = await growthAgent("Growth intruder");
    await expect(bindRole(db(), w.gus, { workflowId: wf.id, roleId: "writer", agentId: theirs.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(listRoleBindings(db(), w.gus, wf.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await bindingsOf(wf.id)).toEqual([]);
  });

  it("unbinds a role with a null agent and audits agent.unbind", async () => {
    const wf = await platformWorkflow();
    const scribe = await platformAgent("Short-lived");
    await bindRole(db(), w.ada, { workflowId: wf.id, roleId: "writer", agentId: scribe.id });
    expect(await bindRole(db(), w.max, { workflowId: wf.id, roleId: "writer", agentId: null })).toEqual({ roleId: "writer", agent: null });
    expect(await bindingsOf(wf.id)).toEqual([]);
    const { roles } = await listRoleBindings(db(), w.ada, wf.id);
    expect(roles[0]).toMatchObject({ id: "writer", agent: null, boundByName: null });
    expect(await auditActions(db(), wf.id)).toEqual(["agent.bind", "agent.unbind"]);
  });

  it("lists the agents the actor could bind with what each lacks and why it cannot serve; archived ones left out", async () => {
    const wf = await platformWorkflow();
    const fit = await platformAgent("Fit writer");
    const lacking = await platformAgent("Code critic", { capabilities: ["code.review"] });
    const archived = await platformAgent("Old writer");
    await archiveAgent(db(), w.ada, { agentId: archived.id, archived: true });
    const foreign = await growthAgent("Growth candidate");
    const personal = await createAgent(db(), w.dana, agentInput("Dana's candidate", { visibility: "personal" }));

    const { roles } = await listRoleBindings(db(), w.dana, wf.id);
    const candidates = new Map(roles[0]!.candidates.map((c) => [c.id, c]));
    expect(candidates.get(fit.id)).toEqual({ id: fit.id, name: "Fit writer", kind: "builtin", missing: [], problem: null });
    expect(candidates.get(lacking.id)).toMatchObject({ missing: ["docs.write"], problem: null });
    expect(candidates.get(foreign.id)).toMatchObject({ missing: [], problem: expect.stringContaining("belongs to Growth") });
    expect(candidates.get(personal.id)).toMatchObject({ missing: [], problem: expect.stringContaining("is a personal agent") });
    expect(candidates.has(archived.id)).toBe(false);
  });
});
