import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, stages, workItems, workflowVersions, workflows } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, createItem, createTeamWorkflow, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { type Task, newTask } from "@/lib/engine/graph-schema";
import { getBoard, getItemPage } from "@/lib/work-items/queries";
import { createItem as createItemService } from "@/lib/work-items/service";
import { moveItem } from "@/lib/work-items/move";
import { type WorkflowDefinition, newStage } from "./definition";
import { getVersion, listVersions, loadDefinition, saveDefinition } from "./versions";

const task = (id: string, extra: Partial<Task> = {}): Task => newTask(id, { kind: "transform", output: { ok: true } }, extra);

describeDb("workflow versions", (db) => {
  let owner: Actor;
  let wfId: string;
  let v1: WorkflowDefinition;

  beforeAll(async () => {
    const user = await createUser(db(), { name: "Olga Owner" });
    owner = await actorFor(db(), user.id);
    const wf = await createWorkflow(db(), { ownerUserId: user.id, name: "Release train" });
    wfId = wf.id;
    v1 = (await loadDefinition(db(), owner, wfId)).definition;
  });

  describe("a save", () => {
    it("makes a new immutable version; the stage rows follow it; older versions stay as they were", async () => {
      const [todo, doing, done] = v1.stages;
      const build = { ...newStage(randomUUID(), "AUTOMATION", "Build"), taskGraph: { roles: [], tasks: [task("compile")], edges: [] } };
      const next = { stages: [{ ...todo!, name: "Backlog", wipLimit: 10 }, build, done!, doing!] };
      const saved = await saveDefinition(db(), owner, { workflowId: wfId, baseVersion: 1, definition: next });
      expect(saved.version).toBe(2);

      const board = await getBoard({ db: db(), actor: owner, workflowId: wfId });
      expect(board.stages.map((s) => [s.name, s.type, s.wipLimit])).toEqual([
        ["Backlog", "HUMAN", 10],
        ["Build", "AUTOMATION", null],
        ["Done", "HUMAN", null],
        ["Doing", "HUMAN", null],
      ]);
      expect((await getVersion(db(), owner, wfId, 1)).definition).toEqual(v1);
      expect((await getVersion(db(), owner, wfId, 2)).definition.stages[1]!.taskGraph!.tasks.map((t) => t.id)).toEqual(["compile"]);
      const { versions } = await listVersions(db(), owner, wfId);
      expect(versions.map((v) => [v.version, v.source, v.createdByName])).toEqual([
        [2, "designer", "Olga Owner"],
        [1, "create", "Olga Owner"],
      ]);
    });

    it("is audited with a summary of what changed", async () => {
      const [row] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, wfId), eq(auditLog.action, "workflow.save")))
        .orderBy(desc(auditLog.seq));
      expect(row).toMatchObject({ actorId: owner.userId, details: { version: 2, baseVersion: 1 } });
      expect(String(row!.details.changes)).toMatch(/1 stage added/);
    });

    it("pins new items to the version current when they start", async () => {
      const item = await createItemService(db(), owner, { workflowId: wfId, title: "Pinned" });
      expect(item.definitionVersion).toBe(2);
    });
  });

  describe("a save based on a stale version", () => {
    it("is refused with a conflict naming who saved in between, and writes nothing", async () => {
      const { team, wf, actors } = await createTeamWorkflow(db(), { members: ["Ann Early", "Ben Later"] });
      const [ann, ben] = actors;
      const opened = await loadDefinition(db(), ann, wf.id);
      const benEdit = { stages: opened.definition.stages.map((s, i) => (i === 0 ? { ...s, name: "Ben's inbox" } : s)) };
      await saveDefinition(db(), ben, { workflowId: wf.id, baseVersion: opened.version, definition: benEdit });

      const annEdit = { stages: opened.definition.stages.map((s, i) => (i === 0 ? { ...s, name: "Ann's inbox" } : s)) };
      await expect(saveDefinition(db(), ann, { workflowId: wf.id, baseVersion: opened.version, definition: annEdit })).rejects.toMatchObject({
        code: "conflict",
        message: expect.stringMatching(/^Ben Later saved version 2 after you opened version 1, so your changes were not saved\./),
      });
      const latest = await loadDefinition(db(), ann, wf.id);
      expect(latest.version).toBe(2);
      expect(latest.definition.stages[0]!.name).toBe("Ben's inbox");
      expect(team.id).toBeTruthy();
    });

    it("lets exactly one of two concurrent saves from the same version win", async () => {
      const { wf, actors } = await createTeamWorkflow(db(), { members: ["Cy", "Di"] });
      const opened = await loadDefinition(db(), actors[0], wf.id);
      const edit = (name: string) => ({ stages: opened.definition.stages.map((s, i) => (i === 0 ? { ...s, name } : s)) });
      const results = await Promise.allSettled(
        actors.map((a, i) => saveDefinition(db(), a, { workflowId: wf.id, baseVersion: 1, definition: edit(`by ${i}`) })),
      );
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
      expect((await listVersions(db(), actors[0], wf.id)).versions).toHaveLength(2);
    });
  });

  describe("an invalid definition", () => {
    it("is refused with every problem and its path; nothing is saved", async () => {
      const wf = await createWorkflow(db(), { ownerUserId: owner.userId });
      const { definition } = await loadDefinition(db(), owner, wf.id);
      const looped = {
        ...newStage(randomUUID(), "AUTOMATION", "Loop"),
        taskGraph: {
          roles: [],
          tasks: [task("a", { name: "Alpha" }), task("b", { name: "Beta" })],
          edges: [
            { from: "a", to: "b", condition: null },
            { from: "b", to: "a", condition: null },
          ],
        },
      };
      const bad = { stages: [{ ...definition.stages[0]!, name: " " }, looped] };
      const err = await saveDefinition(db(), owner, { workflowId: wf.id, baseVersion: 1, definition: bad }).catch((e) => e);
      expect(err).toMatchObject({ code: "invalid", message: expect.stringMatching(/^This workflow cannot be saved: \d+ problems\./) });
      expect(Object.keys(err.fieldErrors)).toEqual(expect.arrayContaining(["stages.0.name", "stages.1.taskGraph.tasks.0"]));
      expect(JSON.stringify(err.fieldErrors)).toMatch(/“Alpha” → “Beta” → “Alpha”/);
      expect((await loadDefinition(db(), owner, wf.id)).version).toBe(1);
    });

    it("reports a malformed shape by path", async () => {
      const wf = await createWorkflow(db(), { ownerUserId: owner.userId });
      await expect(
        saveDefinition(db(), owner, { workflowId: wf.id, baseVersion: 1, definition: { stages: [{ id: "x", name: "A" }] } }),
      ).rejects.toMatchObject({ code: "invalid", fieldErrors: expect.objectContaining({ "stages.0.id": ["A stage id must be a UUID."] }) });
    });
  });

  describe("run settings", () => {
    it("are saved in the version and read back: a stage's run timeout and the workflow's runs at a time", async () => {
      const wf = await createWorkflow(db(), { ownerUserId: owner.userId });
      const { definition } = await loadDefinition(db(), owner, wf.id);
      expect(definition.settings).toEqual({ maxConcurrentRuns: null, requiredSecrets: [] });
      const build = { ...newStage(randomUUID(), "AUTOMATION", "Build"), taskGraph: { roles: [], tasks: [task("compile")], edges: [] }, runTimeoutMs: 900_000 };
      const next = { stages: [...definition.stages, build], settings: { maxConcurrentRuns: 3 } };
      await saveDefinition(db(), owner, { workflowId: wf.id, baseVersion: 1, definition: next });
      const latest = await loadDefinition(db(), owner, wf.id);
      expect(latest.definition.settings).toEqual({ maxConcurrentRuns: 3, requiredSecrets: [] });
      expect(latest.definition.stages[3]!.runTimeoutMs).toBe(900_000);
      const [row] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, wf.id), eq(auditLog.action, "workflow.save")));
      expect(row!.details.changes).toBe("Workflow settings changed, 1 stage added");
    });

    it("read as unset in a version stored before they existed", async () => {
      const wf = await createWorkflow(db(), { ownerUserId: owner.userId, stages: [{ name: "Build", type: "AUTOMATION" }] });
      const old = { stages: [{ ...wf.definition.stages[0]!, runTimeoutMs: undefined }] };
      await db().insert(workflowVersions).values({ workflowId: wf.id, version: 2, definition: JSON.parse(JSON.stringify(old)), source: "designer" });
      await db().update(workflows).set({ version: 2 }).where(eq(workflows.id, wf.id));
      const stored = await db().select().from(workflowVersions).where(and(eq(workflowVersions.workflowId, wf.id), eq(workflowVersions.version, 2)));
      expect(Object.keys(stored[0]!.definition as object)).toEqual(["stages"]);
      const latest = await loadDefinition(db(), owner, wf.id);
      expect(latest.version).toBe(2);
      expect(latest.definition.settings).toEqual({ maxConcurrentRuns: null, requiredSecrets: [] });
      expect(latest.definition.stages[0]!.runTimeoutMs).toBeNull();
    });

    it("out of range are refused with a message at their path; nothing is saved", async () => {
      const wf = await createWorkflow(db(), { ownerUserId: owner.userId, stages: [{ name: "Build", type: "AUTOMATION" }] });
      const bad = { stages: [{ ...wf.definition.stages[0]!, runTimeoutMs: 500 }], settings: { maxConcurrentRuns: 0 } };
      const err = await saveDefinition(db(), owner, { workflowId: wf.id, baseVersion: 1, definition: bad }).catch((e) => e);
      expect(err).toMatchObject({
        code: "invalid",
        fieldErrors: {
          "stages.0.runTimeoutMs": ["A run timeout is at least 1 second (1000 ms); use null for no timeout."],
          "settings.maxConcurrentRuns": ["Runs at a time (maxConcurrentRuns) is at least 1; use null for no limit."],
        },
      });
      expect((await loadDefinition(db(), owner, wf.id)).version).toBe(1);
    });
  });

  describe("removing a stage", () => {
    it("is refused while items are in it, keeps history names once done, and the stage takes no more moves", async () => {
      const wf = await createWorkflow(db(), { ownerUserId: owner.userId });
      const [todo, doing, done] = wf.stages;
      const item = await createItem(db(), { workflowId: wf.id, stageId: doing!.id, title: "Stuck" });
      const { definition } = await loadDefinition(db(), owner, wf.id);
      const without = { stages: definition.stages.filter((s) => s.id !== doing!.id) };
      await expect(saveDefinition(db(), owner, { workflowId: wf.id, baseVersion: 1, definition: without })).rejects.toMatchObject({
        code: "invalid",
        message: "“Doing” still holds 1 item; move them to another stage before removing it.",
      });

      await moveItem(db(), owner, { id: item.id, toStageId: done!.id });
      await saveDefinition(db(), owner, { workflowId: wf.id, baseVersion: 1, definition: without });
      const [row] = await db().select().from(stages).where(eq(stages.id, doing!.id));
      expect(row!.removedAt).toBeInstanceOf(Date);
      expect((await getBoard({ db: db(), actor: owner, workflowId: wf.id })).stages.map((s) => s.name)).toEqual(["To do", "Done"]);
      const page = await getItemPage({ db: db(), actor: owner, itemId: item.id });
      expect(page.timeline.map((t) => t.toStageName)).toEqual(["Doing", "Done"]);
      await expect(moveItem(db(), owner, { id: item.id, toStageId: doing!.id })).rejects.toMatchObject({ code: "invalid" });
      expect(todo).toBeTruthy();
    });
  });

  describe("stage ids from elsewhere", () => {
    it("get fresh ids instead of touching another workflow's stages", async () => {
      const other = await createWorkflow(db(), { ownerUserId: owner.userId, name: "Other" });
      const wf = await createWorkflow(db(), { ownerUserId: owner.userId });
      const { definition } = await loadDefinition(db(), owner, wf.id);
      const borrowed = { ...other.definition.stages[0]!, name: "Borrowed" };
      const saved = await saveDefinition(db(), owner, { workflowId: wf.id, baseVersion: 1, definition: { stages: [...definition.stages, borrowed] } });
      expect(saved.definition.stages[3]!.id).not.toBe(borrowed.id);
      const [stillOther] = await db().select().from(stages).where(eq(stages.id, borrowed.id));
      expect(stillOther).toMatchObject({ workflowId: other.id, name: "To do" });
      expect(await db().select().from(workItems).where(eq(workItems.workflowId, wf.id))).toEqual([]);
      const [w] = await db().select().from(workflows).where(eq(workflows.id, wf.id));
      expect(w!.version).toBe(2);
    });
  });
});
