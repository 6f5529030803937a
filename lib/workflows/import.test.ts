import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, workflowVersions } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { importIntoWorkflow } from "./import";
import { exportWorkflow } from "./io";
import { reviewGraph, sampleDefinition, task } from "./testing-definitions";
import { listVersions, loadDefinition } from "./versions";

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** A two-task descriptor: lint, then report; `extra` adds top-level fields (a run timeout). */
const lintDescriptorWith = (extra: Record<string, unknown>) =>
  json({
    id: "lint",
    version: "1.0.0",
    displayName: "Lint",
    ...extra,
    roles: [],
    tasks: [
      { id: "lint", name: "Lint", executor: { type: "transform", output: { ok: true } }, dependsOn: [] },
      { id: "report", name: "Report", executor: { type: "delay", ms: 10 }, dependsOn: ["lint"] },
    ],
  });
const lintDescriptor = lintDescriptorWith({});

/** The error a call throws, or a failure when it succeeds. */
async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected a domain error, got ${String(err)}`);
  return err;
}

describeDb("importing a file into a workflow", (db) => {
  let member: Actor;
  let viewer: Actor;
  let outsider: Actor;
  let teamId = "";

  beforeAll(async () => {
    const team = await createTeam(db(), { name: "Platform" });
    teamId = team.id;
    const [m, v, o] = await Promise.all(["Mia Member", "Vic Viewer", "Otto Outsider"].map((name) => createUser(db(), { name })));
    await addMember(db(), team.id, m!.id);
    await addMember(db(), team.id, v!.id, "viewer");
    [member, viewer, outsider] = (await Promise.all([m, v, o].map((u) => actorFor(db(), u!.id)))) as [Actor, Actor, Actor];
  });

  /** A team workflow: Backlog (human), Build (automation with one task, 10-minute run timeout), Done. */
  const newWorkflow = () =>
    createWorkflow(db(), {
      ownerUserId: member.userId,
      ownerTeamId: teamId,
      visibility: "team",
      name: "Release",
      stages: [
        { name: "Backlog" },
        { name: "Build", type: "AUTOMATION", taskGraph: { roles: [], tasks: [task("compile")], edges: [] }, runTimeoutMs: 600_000 },
        { name: "Done" },
      ],
    });
  const versionCount = async (workflowId: string) =>
    (await db().select({ n: count() }).from(workflowVersions).where(eq(workflowVersions.workflowId, workflowId)))[0]!.n;

  describe("a Tandem export", () => {
    it("replaces the whole definition as the next version, audited as an import", async () => {
      const wf = await newWorkflow();
      const file = json(exportWorkflow({ name: "Elsewhere", description: "", version: 7 }, sampleDefinition()));
      const saved = await importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: file });
      expect(saved.version).toBe(2);
      const latest = await loadDefinition(db(), member, wf.id);
      expect(latest.definition.stages.map((s) => s.name)).toEqual(["Backlog", "Agent pre-review", "Done"]);
      expect(latest.definition.stages[1]!.taskGraph).toEqual(reviewGraph());
      expect(latest.definition.stages.map((s) => s.runTimeoutMs)).toEqual([null, 1_800_000, null]);
      expect(latest.definition.settings).toEqual({ maxConcurrentRuns: 4, requiredSecrets: [] });
      expect((await listVersions(db(), member, wf.id)).versions[0]).toMatchObject({ version: 2, source: "import", createdByName: "Mia Member" });
      const [audit] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, wf.id), eq(auditLog.action, "workflow.import")));
      expect(audit).toMatchObject({ actorId: member.userId, details: { version: 2, baseVersion: 1 } });
    });

    it("is refused with a stageId, since it is not one stage's graph", async () => {
      const wf = await newWorkflow();
      const file = json(exportWorkflow({ name: "Elsewhere", description: "", version: 1 }, sampleDefinition()));
      const err = await refusal(importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: file, stageId: wf.stages[1]!.id }));
      expect(err.code).toBe("invalid");
      expect(Object.keys(err.fieldErrors!)).toEqual(["stageId"]);
      expect(await versionCount(wf.id)).toBe(1);
    });
  });

  describe("a descriptor into a stage", () => {
    it("replaces that stage's task graph and keeps everything else", async () => {
      const wf = await newWorkflow();
      const before = (await loadDefinition(db(), member, wf.id)).definition;
      const build = wf.stages[1]!;
      const saved = await importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: lintDescriptor, stageId: build.id });
      expect(saved.version).toBe(2);
      const stages = saved.definition.stages;
      expect(stages.map((s) => [s.id, s.name])).toEqual(before.stages.map((s) => [s.id, s.name]));
      expect(stages[1]!.taskGraph!.tasks.map((t) => t.id)).toEqual(["lint", "report"]);
      expect(stages[1]!.taskGraph!.edges).toEqual([{ from: "lint", to: "report", condition: null }]);
      expect(stages[1]!.runTimeoutMs).toBe(600_000); // the file sets none: the stage keeps its own
    });

    it("takes the file's run timeout when it sets one, a null one clearing it", async () => {
      const wf = await newWorkflow();
      const build = wf.stages[1]!.id;
      const set = await importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: lintDescriptorWith({ timeoutMs: 120_000 }), stageId: build });
      expect(set.definition.stages[1]!.runTimeoutMs).toBe(120_000);
      const cleared = await importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 2, text: lintDescriptorWith({ timeoutMs: null }), stageId: build });
      expect(cleared.definition.stages[1]!.runTimeoutMs).toBeNull();
    });

    it("is refused for a human stage or a stage the definition does not have, and nothing is saved", async () => {
      const wf = await newWorkflow();
      for (const stageId of [wf.stages[0]!.id, "99999999-9999-4999-8999-999999999999"]) {
        const err = await refusal(importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: lintDescriptor, stageId }));
        expect(err.code).toBe("invalid");
        expect(Object.keys(err.fieldErrors!)).toEqual(["stageId"]);
      }
      expect(await versionCount(wf.id)).toBe(1);
    });
  });

  describe("a descriptor without a stage", () => {
    it("is appended as a new automation stage named after it (a taken name gets a number)", async () => {
      const wf = await newWorkflow();
      const first = await importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: lintDescriptor });
      const second = await importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: first.version, text: lintDescriptor });
      const stages = second.definition.stages;
      expect(stages.map((s) => [s.name, s.type])).toEqual([
        ["Backlog", "HUMAN"],
        ["Build", "AUTOMATION"],
        ["Done", "HUMAN"],
        ["Lint", "AUTOMATION"],
        ["Lint 2", "AUTOMATION"],
      ]);
      expect(stages[3]!.taskGraph!.tasks.map((t) => t.id)).toEqual(["lint", "report"]);
      expect(stages[3]!.runTimeoutMs).toBeNull();
      expect(second.version).toBe(3);
    });

    it("carries the file's run timeout onto the new stage", async () => {
      const wf = await newWorkflow();
      const saved = await importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: lintDescriptorWith({ timeoutSeconds: 90 }) });
      expect(saved.definition.stages[3]).toMatchObject({ name: "Lint", runTimeoutMs: 90_000 });
    });
  });

  describe("an invalid file", () => {
    it("is refused with every problem at its path in the file, and no version is made", async () => {
      const wf = await newWorkflow();
      const bad = json({
        displayName: "Broken",
        tasks: [
          { id: "a", executor: { type: "teleport" } },
          { id: "b", executor: { type: "transform" }, dependsOn: ["ghost"] },
        ],
      });
      const err = await refusal(importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: bad }));
      expect(err.code).toBe("invalid");
      expect(err.message).toMatch(/^The file has 2 problems\. Unknown executor type “teleport”/);
      expect(Object.keys(err.fieldErrors!).sort()).toEqual(["tasks.0.executor.type", "tasks.1.dependsOn.0"]);
      const notJson = await refusal(importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: "{ nope" }));
      expect(notJson.message).toMatch(/^The file has 1 problem\. This file is not valid JSON/);
      expect(Object.keys(notJson.fieldErrors!)).toEqual(["_"]);
      const empty = await refusal(importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: "  " }));
      expect(empty.fieldErrors).toEqual({ _: ["The file is empty."] });
      expect(await versionCount(wf.id)).toBe(1);
    });
  });

  describe("an import based on a stale version", () => {
    it("is a conflict naming who saved since, and writes nothing", async () => {
      const wf = await newWorkflow();
      await importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: lintDescriptor });
      for (const stageId of [undefined, wf.stages[1]!.id]) {
        const err = await refusal(importIntoWorkflow(db(), member, { workflowId: wf.id, baseVersion: 1, text: lintDescriptor, stageId }));
        expect(err.code).toBe("conflict");
        expect(err.message).toMatch(/You \(in another tab\) saved version 2 after you opened version 1/);
      }
      expect(await versionCount(wf.id)).toBe(2);
    });
  });

  describe("who may import", () => {
    it("refuses a read-only member (forbidden) before looking at the file", async () => {
      const wf = await newWorkflow();
      for (const text of [lintDescriptor, "{ nope"]) {
        const err = await refusal(importIntoWorkflow(db(), viewer, { workflowId: wf.id, baseVersion: 1, text }));
        expect(err.code).toBe("forbidden");
      }
      expect(await versionCount(wf.id)).toBe(1);
    });

    it("answers someone who cannot see the workflow exactly like a missing one (not found)", async () => {
      const wf = await newWorkflow();
      const hidden = await refusal(importIntoWorkflow(db(), outsider, { workflowId: wf.id, baseVersion: 1, text: lintDescriptor }));
      const missing = await refusal(
        importIntoWorkflow(db(), outsider, { workflowId: "99999999-9999-4999-8999-999999999999", baseVersion: 1, text: lintDescriptor }),
      );
      const malformed = await refusal(importIntoWorkflow(db(), outsider, { workflowId: "nope", baseVersion: 1, text: lintDescriptor }));
      for (const err of [hidden, missing, malformed]) expect([err.code, err.message]).toEqual(["not_found", "Workflow was not found."]);
      expect(await versionCount(wf.id)).toBe(1);
    });
  });
});
