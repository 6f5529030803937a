import { beforeAll, describe, expect, it } from "vitest";
import { describeDb } from "@/db/testing/database";
import { parseImport } from "@/lib/workflows/io";
import { definitionResponse, descriptorFileResponse, savedDefinitionResponse, tandemFileResponse } from "./workflow-schemas";
import { MISSING_ID, createDesigns, createWorkflowApiWorld, versionCount, workflowApi } from "./workflows-testing";

describeDb("REST API: workflow definitions (read, download, save, import)", (db) => {
  let w: Awaited<ReturnType<typeof createWorkflowApiWorld>>;
  beforeAll(async () => {
    w = await createWorkflowApiWorld(db());
  });
  const { getDef, putDef, importFile, versions } = workflowApi(db, () => w.tokens);
  const designs = () => createDesigns(db(), w);

  describe("reading a definition", () => {
    it("answers the latest definition to anyone on the team, and another team exactly like a missing id", async () => {
      const wf = await designs();
      for (const who of ["owner", "viewer"] as const) {
        const r = await getDef(who, wf.id);
        expect(r.status).toBe(200);
        expect(definitionResponse.parse(r.body)).toEqual(r.body);
        expect(r.body).toMatchObject({ workflowId: wf.id, version: 1, savedByName: "owner", definition: wf.definition });
      }
      const hidden = await getDef("otherTeam", wf.id);
      const missing = await getDef("otherTeam", MISSING_ID);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(missing.body);
      expect((await getDef("owner", "not-a-uuid")).body).toEqual(missing.body);
    });
  });

  describe("downloading a definition", () => {
    it("sends the Tandem export as an attachment that imports back to the same definition", async () => {
      const wf = await designs();
      const r = await getDef("viewer", wf.id, "?format=tandem");
      expect(r.status).toBe(200);
      expect(r.headers.get("content-disposition")).toBe('attachment; filename="api-designs-v1.json"');
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
      expect(tandemFileResponse.parse(r.body)).toEqual(r.body);
      const back = parseImport(r.text);
      expect(back.ok && back.kind === "tandem" && back.definition).toEqual(wf.definition);
    });

    it("sends one automated stage as a workflow descriptor, and says why for any other stage", async () => {
      const wf = await designs();
      const [backlog, build] = wf.stages;
      const r = await getDef("owner", wf.id, `?format=descriptor&stageId=${build!.id}`);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-disposition")).toBe('attachment; filename="api-designs-build-v1.descriptor.json"');
      expect(descriptorFileResponse.parse(r.body)).toEqual(r.body);
      expect(r.body).toMatchObject({ id: "api-designs.build", version: "1.0.0", displayName: "Build", tasks: [{ id: "compile" }] });
      const human = await getDef("owner", wf.id, `?format=descriptor&stageId=${backlog!.id}`);
      expect(human.status).toBe(400);
      expect(human.body.error.fields.stageId).toEqual(["“Backlog” is a human stage: it has no task graph to export."]);
      const unknown = await getDef("owner", wf.id, `?format=descriptor&stageId=${MISSING_ID}`);
      expect(unknown.body.error.fields.stageId).toEqual(["Version 1 of this workflow has no stage with that id."]);
      expect((await getDef("owner", wf.id, "?format=descriptor")).body.error.fields).toHaveProperty("stageId");
      expect((await getDef("owner", wf.id, "?format=xml")).body.error.fields).toHaveProperty("format");
      expect((await getDef("otherTeam", wf.id, `?format=descriptor&stageId=${build!.id}`)).status).toBe(404);
    });
  });

  describe("saving a definition", () => {
    it("saves the next version; a save based on an older one is a 409 naming who saved", async () => {
      const wf = await designs();
      const def = structuredClone(wf.definition);
      def.stages[0]!.name = "Inbox";
      const r = await putDef("teammate", wf.id, { baseVersion: 1, definition: def });
      expect(r.status).toBe(200);
      expect(savedDefinitionResponse.parse(r.body)).toEqual(r.body);
      expect(r.body.version).toBe(2);
      expect((await getDef("owner", wf.id)).body).toMatchObject({ version: 2, savedByName: "teammate", definition: def });
      const stale = await putDef("owner", wf.id, { baseVersion: 1, definition: wf.definition });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ code: "conflict", message: expect.stringMatching(/^teammate saved version 2 after you opened version 1/) });
      expect(await versionCount(db(), wf.id)).toBe(2);
    });

    it("refuses an invalid definition with 400 and every problem keyed by its path in the definition", async () => {
      const wf = await designs();
      const dup = structuredClone(wf.definition);
      dup.stages[2]!.name = "Backlog";
      dup.stages[1]!.taskGraph!.edges = [{ from: "compile", to: "ghost", condition: null }];
      const r = await putDef("owner", wf.id, { baseVersion: 1, definition: dup });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/^This workflow cannot be saved: 2 problems\./);
      expect(Object.keys(r.body.error.fields).sort()).toEqual(["stages.1.taskGraph.edges.0.to", "stages.2.name"]);
      const shape = await putDef("owner", wf.id, { baseVersion: 1, definition: { stages: [{ ...dup.stages[0], type: "ROBOT" }] } });
      expect(Object.keys(shape.body.error.fields)).toEqual(["stages.0.type"]);
      const body = await putDef("owner", wf.id, { definition: wf.definition, colour: "red" });
      expect(body.status).toBe(400);
      expect(body.body.error.fields).toHaveProperty("baseVersion");
      expect(await versionCount(db(), wf.id)).toBe(1);
    });

    it("refuses a viewer (403) and answers another team like a missing workflow (404)", async () => {
      const wf = await designs();
      const viewer = await putDef("viewer", wf.id, { baseVersion: 1, definition: wf.definition });
      expect(viewer.status).toBe(403);
      expect(viewer.body.error.code).toBe("forbidden");
      const hidden = await putDef("otherTeam", wf.id, { baseVersion: 1, definition: wf.definition });
      const missing = await putDef("otherTeam", MISSING_ID, { baseVersion: 1, definition: wf.definition });
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(missing.body);
      expect((await putDef("owner", "not-a-uuid", { baseVersion: 1, definition: wf.definition })).body).toEqual(missing.body);
      expect(await versionCount(db(), wf.id)).toBe(1);
    });

    it("accepts definitions past the usual 256 KB body limit, up to 2 MB", async () => {
      const wf = await designs();
      const big = structuredClone(wf.definition);
      for (const s of big.stages) s.agentPrompt = "p".repeat(19_000);
      big.stages.push(...Array.from({ length: 12 }, (_, i) => ({ ...structuredClone(big.stages[0]!), id: crypto.randomUUID(), name: `Extra ${i}` })));
      expect(JSON.stringify(big).length).toBeGreaterThan(256 * 1024);
      expect((await putDef("owner", wf.id, { baseVersion: 1, definition: big })).status).toBe(200);
      const huge = await putDef("owner", wf.id, { baseVersion: 2, definition: big, pad: "x".repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(400);
      expect(huge.body.error.message).toBe("The request body is too large: keep it under 2 MB.");
    });
  });

  describe("importing a file", () => {
    const lint = JSON.stringify({
      displayName: "Lint",
      tasks: [
        { id: "lint", executor: { type: "transform", output: {} } },
        { id: "report", executor: { type: "delay", ms: 5 }, dependsOn: ["lint"] },
      ],
    });

    it("saves a Tandem export or a descriptor as the next version, audited in the versions as an import", async () => {
      const wf = await designs();
      const exported = (await getDef("owner", wf.id, "?format=tandem")).body;
      exported.definition.stages[2].name = "Shipped";
      const r = await importFile("teammate", wf.id, "?baseVersion=1", JSON.stringify(exported));
      expect(r.status).toBe(200);
      expect(savedDefinitionResponse.parse(r.body)).toEqual(r.body);
      expect(r.body.definition.stages.map((s: { name: string }) => s.name)).toEqual(["Backlog", "Build", "Shipped"]);
      const build = wf.stages[1]!.id;
      const into = await importFile("teammate", wf.id, `?baseVersion=2&stageId=${build}`, lint);
      expect(into.status).toBe(200);
      expect(into.body.definition.stages[1].taskGraph.tasks.map((t: { id: string }) => t.id)).toEqual(["lint", "report"]);
      const appended = await importFile("teammate", wf.id, "?baseVersion=3", lint);
      expect(appended.body.definition.stages.map((s: { name: string; type: string }) => `${s.name}:${s.type}`)).toEqual([
        "Backlog:HUMAN",
        "Build:AUTOMATION",
        "Shipped:HUMAN",
        "Lint:AUTOMATION",
      ]);
      const list = (await versions("owner", wf.id)).body.versions;
      expect(list.map((v: { version: number; source: string }) => `${v.version}:${v.source}`)).toEqual(["4:import", "3:import", "2:import", "1:create"]);
    });

    it("refuses a bad file with 400 and every problem at its path in the file; a stale base is a 409", async () => {
      const wf = await designs();
      const bad = JSON.stringify({ tasks: [{ id: "a", executor: { type: "teleport" } }, { id: "b", executor: { type: "delay", ms: 1 }, dependsOn: ["ghost"] }] });
      const r = await importFile("owner", wf.id, "?baseVersion=1", bad);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/^The file has 2 problems\./);
      expect(Object.keys(r.body.error.fields).sort()).toEqual(["tasks.0.executor.type", "tasks.1.dependsOn.0"]);
      expect((await importFile("owner", wf.id, "", lint)).body.error.fields).toHaveProperty("baseVersion");
      expect((await importFile("owner", wf.id, "?baseVersion=1&stageId=build", lint)).body.error.fields).toHaveProperty("stageId");
      expect(await versionCount(db(), wf.id)).toBe(1);
      expect((await importFile("owner", wf.id, "?baseVersion=1", lint)).status).toBe(200);
      const stale = await importFile("teammate", wf.id, "?baseVersion=1", lint);
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(/^owner saved version 2 after you opened version 1/);
    });

    it("refuses a viewer (403) and answers another team like a missing workflow (404)", async () => {
      const wf = await designs();
      expect((await importFile("viewer", wf.id, "?baseVersion=1", lint)).status).toBe(403);
      const hidden = await importFile("otherTeam", wf.id, "?baseVersion=1", lint);
      const missing = await importFile("otherTeam", MISSING_ID, "?baseVersion=1", lint);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(missing.body);
      expect(await versionCount(db(), wf.id)).toBe(1);
    });

    it("accepts files past the usual 256 KB body limit, up to 2 MB", async () => {
      const wf = await designs();
      const file = (await getDef("owner", wf.id, "?format=tandem")).body;
      for (const s of file.definition.stages) s.agentPrompt = "p".repeat(19_000);
      file.description = "d".repeat(250_000);
      const text = JSON.stringify(file);
      expect(text.length).toBeGreaterThan(256 * 1024);
      expect((await importFile("owner", wf.id, "?baseVersion=1", text)).status).toBe(200);
      const huge = await importFile("owner", wf.id, "?baseVersion=2", text + " ".repeat(2 * 1024 * 1024));
      expect(huge.status).toBe(400);
      expect(huge.body.error.message).toBe("The request body is too large: keep it under 2 MB.");
    });
  });
});
