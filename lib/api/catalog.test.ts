import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/db/testing/database";
import { agentDetailResponse, agentListResponse, agentSavedResponse, policyListResponse, policySavedResponse, roleBindingsResponse, roleBoundResponse } from "./catalog-schemas";
import { catalogApi, createCatalogWorld } from "./catalog-testing";
import { MISSING_ID } from "./workflows-testing";

const llm = { kind: "llm", model: "reviewer-1", instructions: "Review diffs.", pricing: { inputPerMTok: 3, outputPerMTok: 15 } };
const notFound = { error: { code: "not_found", message: "Agent was not found." } };

describeDb("REST API: agent catalog", (db) => {
  let w: Awaited<ReturnType<typeof createCatalogWorld>>;
  beforeAll(async () => {
    w = await createCatalogWorld(db());
  });
  const api = catalogApi(db, () => w.tokens);
  /** A team-A agent, created through the API as the owner. */
  const newAgent = async (name: string, capabilities: string[], config: unknown = { kind: "builtin" }) => {
    const res = await api.createAgent("owner", { name, capabilities, config, teamId: w.teamA });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.agent as { id: string; version: number };
  };

  it("creates an agent, reads it, saves version 2, refuses a stale edit with 409, and lists it", async () => {
    const created = await api.createAgent("owner", { name: "Code reviewer", description: "Reads diffs.", capabilities: ["code.review"], config: llm, teamId: w.teamA });
    expect(created.status).toBe(201);
    const agent = agentSavedResponse.parse(created.body).agent;
    expect(created.headers.get("location")).toBe(`/api/v1/agents/${agent.id}`);
    expect(agent).toMatchObject({ name: "Code reviewer", kind: "llm", version: 1, visibility: "team", ownerTeamId: w.teamA, teamName: "Team A", ownerName: "owner", level: "WRITE" });
    expect(agent.config).toMatchObject({ kind: "llm", model: "reviewer-1", temperature: 0.2, tools: [], maxTurns: 8 });

    const read = await api.getAgent("viewer", agent.id);
    expect(read.status).toBe(200);
    expect(agentDetailResponse.parse(read.body)).toEqual(read.body);
    expect(read.body.agent.level).toBe("READ");
    expect(read.body.versions.map((v: { version: number; createdByName: string }) => [v.version, v.createdByName])).toEqual([[1, "owner"]]);

    const edit = { name: "Code reviewer", description: "Reads diffs carefully.", capabilities: ["code.review", "docs.write"], config: { ...llm, temperature: 0 } };
    const saved = await api.updateAgent("teammate", agent.id, { ...edit, baseVersion: 1 });
    expect(saved.status).toBe(200);
    expect(agentSavedResponse.parse(saved.body).agent).toMatchObject({ version: 2, description: "Reads diffs carefully.", capabilities: ["code.review", "docs.write"] });

    const stale = await api.updateAgent("owner", agent.id, { ...edit, description: "Mine", baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toEqual({ code: "conflict", message: "“Code reviewer” was changed since you opened it (it is at version 2); reload and edit again." });
    const history = await api.getAgent("owner", agent.id);
    expect(history.body.versions.map((v: { version: number; description: string }) => [v.version, v.description])).toEqual([
      [2, "Reads diffs carefully."],
      [1, "Reads diffs."],
    ]);

    const list = await api.listAgents("viewer");
    expect(list.status).toBe(200);
    expect(agentListResponse.parse(list.body)).toEqual(list.body);
    expect(list.body.agents.map((a: { name: string }) => a.name)).toContain("Code reviewer");
    expect((await api.listAgents("otherTeam")).body.agents.map((a: { id: string }) => a.id)).toEqual([w.theirs.id]);
    expect((await api.listAgents(null)).status).toBe(401);
  });

  it("refuses a bad body with 400 and the field, a viewer with 403, a taken name with 409", async () => {
    const agent = await newAgent("Strict one", []);
    const unknownField = await api.updateAgent("owner", agent.id, { name: "Strict one", config: { kind: "builtin" }, baseVersion: 1, agentId: MISSING_ID });
    expect(unknownField.status).toBe(400);
    expect(Object.keys(unknownField.body.error.fields)).toEqual(["_"]);
    expect((await api.updateAgent("owner", agent.id, { name: "Strict one", config: { kind: "builtin" } })).body.error.fields).toHaveProperty("baseVersion");
    const badKind = await api.createAgent("owner", { name: "Odd", config: { kind: "oracle" }, teamId: w.teamA });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.fields).toHaveProperty("config.kind");
    expect((await api.createAgent("owner", { name: "Loose", config: { kind: "builtin" } })).body.error.fields).toEqual({ teamId: ["Choose a team."] });
    expect((await api.listAgents("owner", "?archived=maybe")).body.error.fields).toEqual({ archived: ['Use "true" or "false".'] });

    const viewer = await api.updateAgent("viewer", agent.id, { name: "Mine now", config: { kind: "builtin" }, baseVersion: 1 });
    expect(viewer.status).toBe(403);
    expect((await api.archiveAgent("viewer", agent.id, {})).status).toBe(403);
    expect((await api.createAgent("viewer", { name: "Viewer's", config: { kind: "builtin" }, teamId: w.teamA })).status).toBe(403);

    const taken = await api.createAgent("teammate", { name: "STRICT ONE", config: { kind: "builtin" }, teamId: w.teamA });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/already exists/);
  });

  it("answers another team's agent exactly like a missing one (404) on GET, PUT, archive and bind", async () => {
    const edit = { name: "Taken over", config: { kind: "builtin" }, baseVersion: 1 };
    for (const id of [w.theirs.id, MISSING_ID, "not-an-agent"]) {
      const answers = await Promise.all([api.getAgent("owner", id), api.updateAgent("owner", id, edit), api.archiveAgent("owner", id, {})]);
      for (const a of answers) expect(a.body, id).toEqual(notFound);
    }
    const bind = await api.bind("owner", w.reviewed.id, "reviewer", { agentId: w.theirs.id });
    expect(bind.status).toBe(404);
    expect(bind.body).toEqual(notFound);
    expect((await api.getAgent("otherTeam", w.theirs.id)).status).toBe(200);
    const theirWorkflow = await api.roles("otherTeam", w.reviewed.id);
    expect(theirWorkflow.status).toBe(404);
    expect(theirWorkflow.body).toEqual((await api.roles("otherTeam", MISSING_ID)).body);
    expect((await api.bind("otherTeam", w.reviewed.id, "reviewer", { agentId: w.theirs.id })).body.error.message).toBe("Workflow was not found.");
    expect((await api.unbind("owner", "not-a-workflow", "reviewer")).status).toBe(404);
  });

  it("binds only an agent with every capability the role needs, and unbinds", async () => {
    const writer = await newAgent("Docs writer", ["docs.write"]);
    const reviewer = await newAgent("Careful reviewer", ["code.review", "docs.write"]);

    const before = await api.roles("viewer", w.reviewed.id);
    expect(before.status).toBe(200);
    expect(roleBindingsResponse.parse(before.body)).toEqual(before.body);
    expect(before.body.workflow).toEqual({ id: w.reviewed.id, name: "Reviewed", level: "READ" });
    const [role] = before.body.roles;
    expect(role).toMatchObject({ id: "reviewer", name: "Reviewer", capabilities: ["code.review"], stages: ["Automate"], tasks: 1, agent: null });
    const candidate = (id: string) => role.candidates.find((c: { id: string }) => c.id === id);
    expect(candidate(writer.id)).toMatchObject({ missing: ["code.review"], problem: null });
    expect(candidate(reviewer.id)).toMatchObject({ missing: [], problem: null });

    const lacking = await api.bind("owner", w.reviewed.id, "reviewer", { agentId: writer.id });
    expect(lacking.status).toBe(400);
    expect(lacking.body.error).toEqual({
      code: "invalid",
      message: "The role “Reviewer” needs code.review; “Docs writer” has only docs.write.",
      fields: { agentId: ["Lacks code.review."] },
    });
    expect((await api.bind("viewer", w.reviewed.id, "reviewer", { agentId: reviewer.id })).status).toBe(403);
    expect((await api.bind("owner", w.reviewed.id, "nobody", { agentId: reviewer.id })).body.error.fields).toEqual({ roleId: ["Unknown role."] });
    expect((await api.bind("owner", w.reviewed.id, "reviewer", { agent: reviewer.id })).status).toBe(400);

    const bound = await api.bind("teammate", w.reviewed.id, "reviewer", { agentId: reviewer.id });
    expect(bound.status).toBe(200);
    expect(roleBoundResponse.parse(bound.body)).toEqual({ roleId: "reviewer", agent: { id: reviewer.id, name: "Careful reviewer", version: 1 } });
    const after = await api.roles("owner", w.reviewed.id);
    expect(after.body.roles[0]).toMatchObject({ agent: { id: reviewer.id, archived: false, missing: [] }, boundByName: "teammate" });

    expect((await api.unbind("viewer", w.reviewed.id, "reviewer")).status).toBe(403);
    const unbound = await api.unbind("owner", w.reviewed.id, "reviewer");
    expect(unbound.status).toBe(200);
    expect(roleBoundResponse.parse(unbound.body)).toEqual({ roleId: "reviewer", agent: null });
    expect((await api.roles("owner", w.reviewed.id)).body.roles[0].agent).toBeNull();
  });

  it("archives and restores an agent; an archived agent leaves the list and cannot be bound", async () => {
    const agent = await newAgent("Retiring reviewer", ["code.review"]);
    const archived = await api.archiveAgent("owner", agent.id, {});
    expect(archived.status).toBe(200);
    expect(agentSavedResponse.parse(archived.body).agent.archivedAt).not.toBeNull();
    expect((await api.listAgents("owner")).body.agents.map((a: { id: string }) => a.id)).not.toContain(agent.id);
    expect((await api.listAgents("owner", "?archived=true")).body.agents.map((a: { id: string }) => a.id)).toContain(agent.id);
    expect((await api.bind("owner", w.reviewed.id, "reviewer", { agentId: agent.id })).body.error.fields).toEqual({ agentId: ["Archived."] });
    expect((await api.archiveAgent("owner", agent.id, "")).body.error.message).toMatch(/body is empty/);
    const restored = await api.archiveAgent("owner", agent.id, { archived: false });
    expect(restored.body.agent.archivedAt).toBeNull();
    expect((await api.bind("owner", w.reviewed.id, "reviewer", { agentId: agent.id })).status).toBe(200);
  });

  it("creates, lists, replaces and deletes guardrail policies; a bad regex is a field error", async () => {
    const badRegex = await api.createPolicy("owner", { tag: "no-keys", checks: [{ kind: "regex_deny", patterns: ["sk-[a-z]+", "(unclosed"] }], teamId: w.teamA });
    expect(badRegex.status).toBe(400);
    expect(Object.keys(badRegex.body.error.fields)).toEqual(["checks.0.patterns"]);
    expect(badRegex.body.error.fields["checks.0.patterns"][0]).toMatch(/\(unclosed/);
    expect((await api.createPolicy("owner", { tag: "No Keys!", checks: [{ kind: "secrets" }], teamId: w.teamA })).body.error.fields).toHaveProperty("tag");

    const created = await api.createPolicy("owner", { tag: "no-keys", description: "No API keys.", checks: [{ kind: "regex_deny", patterns: ["sk-[a-z]+"] }], teamId: w.teamA });
    expect(created.status).toBe(201);
    const policy = policySavedResponse.parse(created.body).policy;
    expect(created.headers.get("location")).toBe(`/api/v1/guardrails/${policy.id}`);
    expect(policy).toMatchObject({ tag: "no-keys", visibility: "team", ownerTeamId: w.teamA, checks: [{ kind: "regex_deny", patterns: ["sk-[a-z]+"], on: "both", action: "block" }] });
    expect((await api.createPolicy("teammate", { tag: "no-keys", checks: [{ kind: "secrets" }], teamId: w.teamA })).status).toBe(409);

    const list = await api.listPolicies("viewer");
    expect(list.status).toBe(200);
    expect(policyListResponse.parse(list.body)).toEqual(list.body);
    expect(list.body.policies.map((p: { tag: string; level: string; teamName: string }) => [p.tag, p.level, p.teamName])).toEqual([["no-keys", "READ", "Team A"]]);
    expect(list.body.builtin.map((b: { tag: string }) => b.tag)).toEqual(["secrets", "needs-approval"]);
    expect((await api.listPolicies("otherTeam")).body.policies).toEqual([]);

    const replacement = { tag: "no-keys", description: "No keys, flagged.", checks: [{ kind: "secrets", action: "flag" }] };
    expect((await api.updatePolicy("viewer", policy.id, replacement)).status).toBe(403);
    expect((await api.updatePolicy("otherTeam", policy.id, replacement)).body.error).toEqual({ code: "not_found", message: "Policy was not found." });
    expect((await api.updatePolicy("owner", policy.id, { ...replacement, visibility: "global" })).body.error.fields).toHaveProperty("_");
    const replaced = await api.updatePolicy("teammate", policy.id, replacement);
    expect(replaced.status).toBe(200);
    expect(policySavedResponse.parse(replaced.body).policy).toMatchObject({ id: policy.id, description: "No keys, flagged.", checks: [{ kind: "secrets", on: "output", action: "flag" }] });

    expect((await api.deletePolicy("otherTeam", policy.id)).status).toBe(404);
    expect((await api.deletePolicy("owner", "not-a-policy")).status).toBe(404);
    const deleted = await api.deletePolicy("owner", policy.id);
    expect(deleted.body).toEqual({ id: policy.id, deleted: true });
    expect((await api.listPolicies("owner")).body.policies).toEqual([]);
    expect((await api.deletePolicy("owner", policy.id)).status).toBe(404);
  });
});
