import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/db/testing/database";
import { type AgentView, archiveAgent, createAgent, listAgentVersions, listAgents, requireAgent, updateAgent } from "./agents";
import { agentInput, auditActions, catalogPeople } from "./testing";

/**
 * The agent catalog's service: versioned edits, archiving, and who sees and changes which agent. The
 * rules follow the workflows': a team's agent is its members' (viewers read only), a personal agent its
 * owner's, a global one everyone's to read; another tenant's agent answers NotFound, never Forbidden.
 */

describeDb("catalog: agents", (db) => {
  let w: Awaited<ReturnType<typeof catalogPeople>>;
  beforeAll(async () => {
    w = await catalogPeople(db());
  });

  /** A builtin Platform agent, defined by its admin Ada. */
  const platformAgent = (name: string, over: Record<string, unknown> = {}) => createAgent(db(), w.ada, agentInput(name, { teamId: w.platform.id, ...over }));
  /** `updateAgent`'s input: the agent as it is, based on `baseVersion`, with `over` changed. */
  const edit = (agent: AgentView, baseVersion: number, over: Record<string, unknown> = {}) => ({
    agentId: agent.id,
    baseVersion,
    name: agent.name,
    description: agent.description,
    capabilities: agent.capabilities,
    config: agent.config,
    ...over,
  });
  const listedIds = async (actor: typeof w.ada, archived = false) => (await listAgents(db(), actor, { archived })).map((a) => a.id);

  it("creates a team agent at version 1 with each capability once, and audits agent.create", async () => {
    const agent = await platformAgent("Scribe", { description: "Writes notes.", capabilities: ["docs.write", "code.review", "docs.write"] });
    expect(agent).toMatchObject({
      name: "Scribe",
      kind: "builtin",
      version: 1,
      visibility: "team",
      ownerTeamId: w.platform.id,
      teamName: "Platform",
      ownerName: "Ada",
      description: "Writes notes.",
      capabilities: ["docs.write", "code.review"],
      archivedAt: null,
      level: "ADMIN",
    });
    expect(await auditActions(db(), agent.id)).toEqual(["agent.create"]);
  });

  it("saves an edit as the next version, keeps the earlier one, and audits agent.update", async () => {
    const agent = await platformAgent("Drafter", { description: "First." });
    const updated = await updateAgent(db(), w.max, edit(agent, 1, { name: "Drafter II", description: "Second.", capabilities: ["docs.write", "docs.edit"] }));
    expect(updated).toMatchObject({ id: agent.id, version: 2, name: "Drafter II", description: "Second.", capabilities: ["docs.write", "docs.edit"] });

    const { versions } = await listAgentVersions(db(), w.vi, agent.id);
    expect(versions.map((v) => [v.version, v.description, v.createdByName])).toEqual([
      [2, "Second.", "Max"],
      [1, "First.", "Ada"],
    ]);
    expect(await auditActions(db(), agent.id)).toEqual(["agent.create", "agent.update"]);
  });

  it("refuses an edit based on an older version with a Conflict naming the current version, and writes nothing", async () => {
    const agent = await platformAgent("Planner");
    await updateAgent(db(), w.ada, edit(agent, 1, { description: "Ada's edit." }));

    const stale = updateAgent(db(), w.max, edit(agent, 1, { description: "Max's edit." }));
    await expect(stale).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("it is at version 2") });
    const { agent: now, versions } = await listAgentVersions(db(), w.ada, agent.id);
    expect(now.version).toBe(2);
    expect(versions.map((v) => v.description)).toEqual(["Ada's edit.", ""]);
  });

  it("refuses to change an agent's kind (Invalid on config.kind) and keeps its version", async () => {
    const agent = await platformAgent("Fixed kind");
    const toHttp = updateAgent(db(), w.ada, edit(agent, 1, { config: { kind: "http", url: "https://agents.example.test/run" } }));
    await expect(toHttp).rejects.toMatchObject({ code: "invalid", fieldErrors: { "config.kind": ["Cannot change."] } });
    expect(await requireAgent(db(), w.ada, agent.id)).toMatchObject({ kind: "builtin", version: 1 });
  });

  it("hides an archived agent from the list unless archived ones are asked for; restoring brings it back; both audited", async () => {
    const agent = await platformAgent("Retired");
    const archived = await archiveAgent(db(), w.max, { agentId: agent.id, archived: true });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await listedIds(w.ada)).not.toContain(agent.id);
    expect(await listedIds(w.ada, true)).toContain(agent.id);

    await archiveAgent(db(), w.max, { agentId: agent.id, archived: false });
    expect(await listedIds(w.ada)).toContain(agent.id);
    expect(await auditActions(db(), agent.id)).toEqual(["agent.create", "agent.archive", "agent.restore"]);
  });

  it("answers NotFound to another team's admin for reading, versions, editing and archiving a team agent, and leaves it out of their list", async () => {
    const agent = await platformAgent("Platform only");
    await expect(requireAgent(db(), w.gus, agent.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listAgentVersions(db(), w.gus, agent.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateAgent(db(), w.gus, edit(agent, 1, { description: "Taken over." }))).rejects.toMatchObject({ code: "not_found" });
    await expect(archiveAgent(db(), w.gus, { agentId: agent.id, archived: true })).rejects.toMatchObject({ code: "not_found" });
    expect(await listedIds(w.gus, true)).not.toContain(agent.id);
    expect(await requireAgent(db(), w.ada, agent.id)).toMatchObject({ version: 1, description: "", archivedAt: null });
  });

  it("lets a viewer of the team read its agent but not edit or archive it (Forbidden)", async () => {
    const agent = await platformAgent("Read me");
    expect(await requireAgent(db(), w.vi, agent.id)).toMatchObject({ id: agent.id, level: "READ" });
    expect(await listedIds(w.vi)).toContain(agent.id);
    await expect(updateAgent(db(), w.vi, edit(agent, 1, { description: "Viewer's edit." }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(archiveAgent(db(), w.vi, { agentId: agent.id, archived: true })).rejects.toMatchObject({ code: "forbidden" });
    expect(await requireAgent(db(), w.ada, agent.id)).toMatchObject({ version: 1, archivedAt: null });
  });

  it("does not let a viewer define an agent for the team (Forbidden)", async () => {
    await expect(createAgent(db(), w.vi, agentInput("Viewer's agent", { teamId: w.platform.id }))).rejects.toMatchObject({ code: "forbidden" });
    expect((await listAgents(db(), w.ada)).map((a) => a.name)).not.toContain("Viewer's agent");
  });

  it("does not let anyone define an agent for a team they are not in", async () => {
    await expect(createAgent(db(), w.gus, agentInput("Planted", { teamId: w.platform.id }))).rejects.toMatchObject({ code: "invalid", fieldErrors: { teamId: ["Choose one of your teams."] } });
    expect((await listAgents(db(), w.ada)).map((a) => a.name)).not.toContain("Planted");
  });

  it("shows a personal agent to its owner only: a teammate, even the team's admin, gets NotFound", async () => {
    const mine = await createAgent(db(), w.max, agentInput("Max's notes", { visibility: "personal" }));
    expect(mine).toMatchObject({ visibility: "personal", ownerTeamId: null, level: "ADMIN" });
    await expect(requireAgent(db(), w.ada, mine.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateAgent(db(), w.ada, edit(mine, 1, { description: "Ada's edit." }))).rejects.toMatchObject({ code: "not_found" });
    expect(await listedIds(w.ada, true)).not.toContain(mine.id);
    expect(await listedIds(w.max)).toContain(mine.id);
  });

  it("lets only an instance admin define a global agent, which everyone else reads but cannot edit", async () => {
    await expect(createAgent(db(), w.ada, agentInput("Shared by Ada", { visibility: "global" }))).rejects.toMatchObject({ code: "forbidden" });
    const shared = await createAgent(db(), w.root, agentInput("Shared", { visibility: "global" }));
    expect(shared).toMatchObject({ visibility: "global", ownerTeamId: null, level: "ADMIN" });
    expect(await requireAgent(db(), w.gus, shared.id)).toMatchObject({ level: "READ" });
    expect(await listedIds(w.vi)).toContain(shared.id);
    await expect(updateAgent(db(), w.gus, edit(shared, 1, { description: "Gus's edit." }))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a name the team already uses, in any letter case (Conflict); another team may use it", async () => {
    await platformAgent("Reviewer");
    await expect(platformAgent("reviewer")).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("“reviewer” already exists") });
    const theirs = await createAgent(db(), w.gus, agentInput("Reviewer", { teamId: w.growth.id }));
    expect(theirs).toMatchObject({ name: "Reviewer", teamName: "Growth" });
  });

  it("refuses renaming an agent to the name of another agent of its team (Conflict) and keeps its name", async () => {
    await platformAgent("Taken name");
    const agent = await platformAgent("Free name");
    await expect(updateAgent(db(), w.ada, edit(agent, 1, { name: "Taken name" }))).rejects.toMatchObject({ code: "conflict" });
    expect(await requireAgent(db(), w.ada, agent.id)).toMatchObject({ name: "Free name", version: 1 });
  });

  it("answers NotFound for an id that is malformed or names no agent", async () => {
    await expect(requireAgent(db(), w.ada, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    await expect(requireAgent(db(), w.ada, randomUUID())).rejects.toMatchObject({ code: "not_found" });
  });
});
