import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { teamMembers, workflows } from "@/db/schema";
import { ACCESS_MATRIX, type AccessWorld, VISIBILITIES, type Vis, type Who, actionContext, createAccessWorld, outcome } from "@/db/testing/access-world";
import { describeDb } from "@/db/testing/database";
import { getBoard } from "@/lib/work-items/queries";
import { requireWorkflow } from "@/lib/workflows/access";
import { listVisibleWorkflows } from "@/lib/workflows/queries";
import { renameWorkflowInput, saveDefinitionInput, workflowId } from "@/lib/workflows/schemas";
import { renameWorkflow } from "@/lib/workflows/service";
import { loadDefinition, saveDefinition } from "@/lib/workflows/versions";
import type { Actor } from "./actor";
import { runAction } from "./action-core";

describeDb("access matrix", (db) => {
  let actors: AccessWorld["actors"];
  const wfIds = {} as Record<Vis, string>;
  let teamB = "";

  beforeAll(async () => {
    const world = await createAccessWorld(db());
    actors = world.actors;
    for (const vis of VISIBILITIES) wfIds[vis] = world.workflows[vis].id;
    teamB = world.teamB.id;
  });

  for (const vis of VISIBILITIES) {
    for (const who of Object.keys(ACCESS_MATRIX[vis]) as Who[]) {
      const expected = ACCESS_MATRIX[vis][who];
      it(`${vis} × ${who}: read → ${expected.read}, write → ${expected.write}`, async () => {
        const read = await runAction(actionContext(actors[who]), workflowId, wfIds[vis], (actor, id) =>
          getBoard({ db: db(), actor, workflowId: id }),
        );
        expect(outcome(read)).toBe(expected.read);
        if (read.ok) expect(read.data.items.map((i) => i.title)).toEqual([`${vis} secret item`]);

        const listed = actors[who] ? await listVisibleWorkflows({ db: db(), actor: actors[who] }) : [];
        expect(listed.some((w) => w.id === wfIds[vis])).toBe(expected.read === "ok");

        const write = await runAction(actionContext(actors[who]), renameWorkflowInput, { id: wfIds[vis], name: `renamed by ${who}` }, (actor, input) =>
          renameWorkflow(db(), actor, input),
        );
        expect(outcome(write)).toBe(expected.write);

        const [{ version }] = (await db().select({ version: workflows.version }).from(workflows).where(eq(workflows.id, wfIds[vis]))) as [{ version: number }];
        const { definition } = await loadDefinition(db(), actors.owner!, wfIds[vis]);
        const edited = { stages: definition.stages.map((s, i) => (i === 0 ? { ...s, name: `Inbox of ${who}` } : s)) };
        const save = await runAction(actionContext(actors[who]), saveDefinitionInput, { workflowId: wfIds[vis], baseVersion: version, definition: edited }, (actor, input) =>
          saveDefinition(db(), actor, input),
        );
        expect(outcome(save)).toBe(expected.write);
      });
    }
  }

  it("answers an invisible workflow exactly like a missing or malformed id", async () => {
    const other = actors.otherTeam!;
    const messages = await Promise.all(
      [wfIds.personal, "00000000-0000-4000-8000-000000000000", "not-a-uuid"].map((id) =>
        runAction(actionContext(other), workflowId.or(renameWorkflowInput.shape.name), id, (actor) => requireWorkflow(db(), actor, id)),
      ),
    );
    expect(messages.map((m) => (m.ok ? "ok" : `${m.code}: ${m.message}`))).toEqual([
      "not_found: Workflow was not found.",
      "not_found: Workflow was not found.",
      "not_found: Workflow was not found.",
    ]);
  });

  it("checks membership inside the query, so a removed member loses access at once", async () => {
    const teammate = actors.teammate!; // loaded while still a member
    await expect(requireWorkflow(db(), teammate, wfIds.team)).resolves.toMatchObject({ id: wfIds.team });
    await db().delete(teamMembers).where(eq(teamMembers.userId, teammate.userId));
    await expect(requireWorkflow(db(), teammate, wfIds.team)).rejects.toMatchObject({ code: "not_found" });
    const listed = await listVisibleWorkflows({ db: db(), actor: teammate });
    expect(listed.map((w) => w.id)).not.toContain(wfIds.team);
  });

  it("a grant in another team does not widen access to this one", async () => {
    const other = actors.otherTeam!;
    const widened: Actor = { ...other, grants: [{ teamId: teamB, permission: "workflows.manage", level: "ADMIN" }] };
    await expect(requireWorkflow(db(), widened, wfIds.global, "WRITE")).rejects.toMatchObject({ code: "forbidden" });
  });
});
