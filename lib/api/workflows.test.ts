import { beforeAll, describe, expect, it } from "vitest";
import { describeDb } from "@/db/testing/database";
import { templateListResponse, versionListResponse, versionResponse, workflowResponse } from "./workflow-schemas";
import { MISSING_ID, createDesigns, createWorkflowApiWorld, workflowApi } from "./workflows-testing";

describeDb("REST API: workflows, versions and templates", (db) => {
  let w: Awaited<ReturnType<typeof createWorkflowApiWorld>>;
  beforeAll(async () => {
    w = await createWorkflowApiWorld(db());
  });
  const { getDef, putDef, importFile, versions, version, create, templates } = workflowApi(db, () => w.tokens);
  const designs = () => createDesigns(db(), w);

  describe("credentials", () => {
    it("every workflow route answers 401 without them", async () => {
      const id = w.wf.id;
      const answers = await Promise.all([
        getDef(null, id),
        putDef(null, id, { baseVersion: 1, definition: { stages: [] } }),
        importFile(null, id, "?baseVersion=1", "{}"),
        versions(null, id),
        version(null, id, "1"),
        create(null, { name: "Nope" }),
        templates(null),
      ]);
      for (const a of answers) {
        expect(a.status).toBe(401);
        expect(a.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
    });
  });

  describe("versions", () => {
    it("lists every version newest first and answers any one of them; anything else is a 404", async () => {
      const wf = await designs();
      const def = structuredClone(wf.definition);
      def.stages[0]!.wipLimit = 5;
      await putDef("owner", wf.id, { baseVersion: 1, definition: def });
      const list = await versions("viewer", wf.id);
      expect(list.status).toBe(200);
      expect(versionListResponse.parse(list.body)).toEqual(list.body);
      expect(list.body.versions.map((v: { version: number; source: string; createdByName: string }) => [v.version, v.source, v.createdByName])).toEqual([
        [2, "designer", "owner"],
        [1, "create", "owner"],
      ]);
      const one = await version("viewer", wf.id, "1");
      expect(one.status).toBe(200);
      expect(versionResponse.parse(one.body)).toEqual(one.body);
      expect(one.body).toMatchObject({ version: 1, source: "create", definition: wf.definition });
      for (const v of ["3", "0", "abc", "1.5", "99999999999999999999"]) expect((await version("owner", wf.id, v)).status, v).toBe(404);
      expect((await versions("otherTeam", wf.id)).status).toBe(404);
      expect((await version("otherTeam", wf.id, "1")).body).toEqual((await version("otherTeam", MISSING_ID, "1")).body);
    });
  });

  describe("creating workflows", () => {
    it("creates a blank workflow or one from a definition: 201 with Location naming its definition", async () => {
      const blank = await create("owner", { name: "Blank" });
      expect(blank.status).toBe(201);
      expect(workflowResponse.parse(blank.body)).toEqual(blank.body);
      expect(blank.body).toMatchObject({ name: "Blank", visibility: "personal", ownerTeamId: null, version: 1, isTemplate: false });
      expect(blank.headers.get("location")).toBe(`/api/v1/workflows/${blank.body.id}/definition`);
      expect((await getDef("owner", blank.body.id)).body.definition.stages.map((s: { name: string }) => s.name)).toEqual(["To do", "Doing", "Done"]);

      const from = (await designs()).definition;
      const team = await create("teammate", { name: "From file", visibility: "team", teamId: w.teamA, definition: from });
      expect(team.status).toBe(201);
      expect(team.body).toMatchObject({ visibility: "team", ownerTeamId: w.teamA, ownerUserId: w.people.teammate.userId });
      const stored = (await getDef("viewer", team.body.id)).body.definition;
      expect(stored.stages.map((s: { name: string }) => s.name)).toEqual(["Backlog", "Build", "Done"]);
      expect((await versions("owner", team.body.id)).body.versions[0].source).toBe("import");
    });

    it("instantiates a template the caller can see; another team's template is a 404", async () => {
      const r = await create("teammate", { templateId: w.templates.teamA, name: "Release 7", visibility: "team", teamId: w.teamA });
      expect(r.status).toBe(201);
      expect(workflowResponse.parse(r.body)).toEqual(r.body);
      expect(r.body).toMatchObject({ name: "Release 7", templateOf: w.templates.teamA, isTemplate: false });
      expect(r.headers.get("location")).toBe(`/api/v1/workflows/${r.body.id}/definition`);
      const hidden = await create("owner", { templateId: w.templates.teamB, name: "Stolen" });
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual((await create("owner", { templateId: MISSING_ID, name: "Nothing" })).body);
    });

    it("refuses bad bodies (400), a viewer adding to the team (403) and global sharing by a non-admin (403)", async () => {
      const noName = await create("owner", { description: "no name" });
      expect(noName.status).toBe(400);
      expect(Object.keys(noName.body.error.fields)).toEqual(["name"]);
      expect((await create("owner", { name: "x", colour: "red" })).status).toBe(400);
      expect((await create("owner", { name: "x", templateId: "nope" })).body.error.fields).toHaveProperty("templateId");
      const badDef = await create("owner", { name: "x", definition: { stages: [] } });
      expect(badDef.body.error.fields).toEqual({ stages: ["A workflow needs at least one stage."] });
      expect((await create("viewer", { name: "x", visibility: "team", teamId: w.teamA })).status).toBe(403);
      expect((await create("owner", { name: "x", visibility: "global" })).status).toBe(403);
    });
  });

  describe("the template list", () => {
    it("shows the templates the caller can see with their stages, filtered by visibility, never another team's", async () => {
      const all = await templates("owner");
      expect(all.status).toBe(200);
      expect(templateListResponse.parse(all.body)).toEqual(all.body);
      const names = (r: { body: { templates: { name: string }[] } }) => r.body.templates.map((t) => t.name).sort();
      expect(names(all)).toEqual(["Code review", "Owner scratch", "Team A release"]);
      const teamTemplate = all.body.templates.find((t: { id: string }) => t.id === w.templates.teamA);
      expect(teamTemplate).toMatchObject({ visibility: "team", teamName: "Team A", ownerName: "owner" });
      expect(teamTemplate.stages).toEqual([
        { name: "To do", type: "HUMAN" },
        { name: "Doing", type: "HUMAN" },
        { name: "Done", type: "HUMAN" },
      ]);
      expect(names(await templates("owner", "?visibility=team"))).toEqual(["Team A release"]);
      expect(names(await templates("owner", "?visibility=personal"))).toEqual(["Owner scratch"]);
      expect(names(await templates("teammate", "?visibility=personal"))).toEqual([]);
      expect(names(await templates("otherTeam", "?visibility=team"))).toEqual(["Team B secret"]);
      expect(names(await templates("otherTeam"))).toEqual(["Code review", "Team B secret"]);
      const bad = await templates("owner", "?visibility=secret");
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty("visibility");
    });
  });
});
