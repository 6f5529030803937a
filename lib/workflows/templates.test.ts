import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, stages } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { newTask } from "@/lib/engine/graph-schema";
import { listVisibleWorkflows } from "./queries";
import { createWorkflow as createWorkflowService, instantiateTemplate, saveAsCopy, saveAsTemplate } from "./templates";
import { loadDefinition } from "./versions";

const reviewGraph = {
  roles: [{ id: "reviewer", name: "Reviewer", capabilities: ["code.review"] }],
  tasks: [newTask("review", { kind: "agent" as const, role: "reviewer" }, { name: "Review" })],
  edges: [],
};

describeDb("templates", (db) => {
  let alice: Actor; // member of Platform
  let bob: Actor; // member of Platform
  let vera: Actor; // viewer in Platform
  let gus: Actor; // Growth only
  let ada: Actor; // instance admin
  let platformId = "";
  let globalTemplateId = "";
  let growthTemplateId = "";

  beforeAll(async () => {
    const platform = await createTeam(db(), { name: "Platform" });
    const growth = await createTeam(db(), { name: "Growth" });
    platformId = platform.id;
    const [a, b, v, g, admin] = await Promise.all(
      ["Alice", "Bob", "Vera", "Gus"].map((name) => createUser(db(), { name })).concat(createUser(db(), { name: "Ada", isAdmin: true })),
    );
    await addMember(db(), platform.id, a!.id);
    await addMember(db(), platform.id, b!.id);
    await addMember(db(), platform.id, v!.id, "viewer");
    await addMember(db(), growth.id, g!.id, "admin");
    [alice, bob, vera, gus, ada] = (await Promise.all([a, b, v, g, admin].map((u) => actorFor(db(), u!.id)))) as [Actor, Actor, Actor, Actor, Actor];
    const tpl = await createWorkflow(db(), {
      ownerUserId: admin!.id,
      visibility: "global",
      isTemplate: true,
      name: "Code review",
      stages: [
        { name: "Ready", type: "HUMAN" },
        { name: "Agent review", type: "AGENT_ASSIST", config: { agentPrompt: "Review the diff", wipLimit: 2 }, taskGraph: reviewGraph },
        { name: "Merged", type: "HUMAN" },
      ],
    });
    globalTemplateId = tpl.id;
    const growthTpl = await createWorkflow(db(), { ownerUserId: g!.id, ownerTeamId: growth.id, visibility: "team", isTemplate: true, name: "Growth secret" });
    growthTemplateId = growthTpl.id;
  });

  describe("instantiating a global template as a team workflow", () => {
    it("copies stages and task graphs into a workflow the team sees and another team does not", async () => {
      const wf = await instantiateTemplate(db(), alice, {
        templateId: globalTemplateId,
        name: "Platform reviews",
        description: "Ours",
        visibility: "team",
        teamId: platformId,
      });
      expect(wf).toMatchObject({ isTemplate: false, templateOf: globalTemplateId, ownerUserId: alice.userId, ownerTeamId: platformId, version: 1 });

      const copy = await loadDefinition(db(), bob, wf.id);
      const original = await loadDefinition(db(), bob, globalTemplateId);
      expect(copy.definition.stages.map((s) => [s.name, s.type, s.wipLimit, s.agentPrompt])).toEqual(
        original.definition.stages.map((s) => [s.name, s.type, s.wipLimit, s.agentPrompt]),
      );
      expect(copy.definition.stages[1]!.taskGraph).toEqual(reviewGraph);
      const copiedIds = copy.definition.stages.map((s) => s.id);
      expect(copiedIds.some((id) => original.definition.stages.some((s) => s.id === id))).toBe(false);
      expect(await db().select().from(stages).where(eq(stages.workflowId, wf.id))).toHaveLength(3);

      expect((await listVisibleWorkflows({ db: db(), actor: bob })).map((w) => w.id)).toContain(wf.id);
      expect((await listVisibleWorkflows({ db: db(), actor: gus })).map((w) => w.id)).not.toContain(wf.id);
      await expect(loadDefinition(db(), gus, wf.id)).rejects.toMatchObject({ code: "not_found" });

      const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.targetId, wf.id), eq(auditLog.action, "workflow.instantiate")));
      expect(audit).toMatchObject({ actorId: alice.userId, details: { template: globalTemplateId, templateVersion: 1 } });
    });
  });

  describe("instantiation is refused", () => {
    it("for a template the actor cannot see, exactly like a missing one", async () => {
      const target = { name: "x", visibility: "personal" };
      await expect(instantiateTemplate(db(), alice, { ...target, templateId: growthTemplateId })).rejects.toMatchObject({
        code: "not_found",
        message: "Workflow was not found.",
      });
      await expect(instantiateTemplate(db(), alice, { ...target, templateId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
        code: "not_found",
        message: "Workflow was not found.",
      });
    });

    it("for a workflow that is not a template", async () => {
      const plain = await createWorkflow(db(), { ownerUserId: alice.userId });
      await expect(instantiateTemplate(db(), alice, { templateId: plain.id, name: "x" })).rejects.toMatchObject({ code: "not_found" });
    });

    it("into a team the actor is not in, or only views, or for everyone without being an admin", async () => {
      const base = { templateId: globalTemplateId, name: "x" };
      await expect(instantiateTemplate(db(), gus, { ...base, visibility: "team", teamId: platformId })).rejects.toMatchObject({
        code: "invalid",
        fieldErrors: { teamId: ["Choose one of your teams."] },
      });
      await expect(instantiateTemplate(db(), vera, { ...base, visibility: "team", teamId: platformId })).rejects.toMatchObject({ code: "forbidden" });
      await expect(instantiateTemplate(db(), alice, { ...base, visibility: "team" })).rejects.toMatchObject({ code: "invalid" });
      await expect(instantiateTemplate(db(), alice, { ...base, visibility: "global" })).rejects.toMatchObject({ code: "forbidden" });
      const asAdmin = await instantiateTemplate(db(), ada, { ...base, visibility: "global" });
      expect(asAdmin.visibility).toBe("global");
    });
  });

  describe("save as template", () => {
    it("copies a workflow into a template; global needs an instance admin", async () => {
      const wf = await instantiateTemplate(db(), alice, { templateId: globalTemplateId, name: "Source", visibility: "team", teamId: platformId });
      await expect(saveAsTemplate(db(), alice, { workflowId: wf.id, name: "Everyone's", visibility: "global" })).rejects.toMatchObject({
        code: "forbidden",
      });
      const tpl = await saveAsTemplate(db(), alice, { workflowId: wf.id, name: "Platform template", visibility: "team", teamId: platformId });
      expect(tpl).toMatchObject({ isTemplate: true, templateOf: wf.id });
      expect((await listVisibleWorkflows({ db: db(), actor: bob, filter: "templates" })).map((w) => w.name)).toContain("Platform template");
      expect((await listVisibleWorkflows({ db: db(), actor: gus, filter: "templates" })).map((w) => w.name)).not.toContain("Platform template");
      await expect(saveAsTemplate(db(), gus, { workflowId: wf.id, name: "Stolen" })).rejects.toMatchObject({ code: "not_found" });
    });
  });

  describe("create and copy", () => {
    it("creates a blank workflow with three stages as version 1, audited", async () => {
      const wf = await createWorkflowService(db(), alice, { name: "Fresh", visibility: "personal" });
      const { definition, version } = await loadDefinition(db(), alice, wf.id);
      expect(version).toBe(1);
      expect(definition.stages.map((s) => s.name)).toEqual(["To do", "Doing", "Done"]);
      const [row] = await db().select().from(auditLog).where(and(eq(auditLog.targetId, wf.id), eq(auditLog.action, "workflow.create")));
      expect(row).toBeDefined();
    });

    it("saves an edited definition as a new copy, leaving the source alone", async () => {
      const src = await createWorkflow(db(), { ownerUserId: alice.userId, name: "Mine" });
      const { definition } = await loadDefinition(db(), alice, src.id);
      const edited = { stages: [...definition.stages.slice(0, 2), { ...definition.stages[2]!, name: "Shipped" }] };
      const copy = await saveAsCopy(db(), alice, { workflowId: src.id, definition: edited, name: "Mine (copy)" });
      expect((await loadDefinition(db(), alice, copy.id)).definition.stages.map((s) => s.name)).toEqual(["To do", "Doing", "Shipped"]);
      expect((await loadDefinition(db(), alice, src.id)).definition.stages.map((s) => s.name)).toEqual(["To do", "Doing", "Done"]);
      await expect(saveAsCopy(db(), gus, { workflowId: src.id, definition: edited, name: "Peek" })).rejects.toMatchObject({ code: "not_found" });
    });
  });
});
