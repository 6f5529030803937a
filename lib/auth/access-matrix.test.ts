import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { teamMembers } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createItem, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import { getBoard } from "@/lib/work-items/queries";
import { requireWorkflow } from "@/lib/workflows/access";
import { listVisibleWorkflows } from "@/lib/workflows/queries";
import { renameWorkflowInput, workflowId } from "@/lib/workflows/schemas";
import { renameWorkflow } from "@/lib/workflows/service";
import type { Actor } from "./actor";
import { type ActionResult, runAction } from "./action-core";

type Who = "owner" | "teammate" | "viewer" | "otherTeam" | "admin" | "signedOut";
type Vis = "personal" | "team" | "global";
type Outcome = "ok" | "not_found" | "forbidden" | "unauthorized";

/**
 * The expected result of every (visibility × actor × operation) cell. The owner and teammate are
 * members of team A, the viewer holds the viewer role there, otherTeam is in team B only, admin is an
 * instance admin in no team. Invisible is not_found, exactly like a missing id.
 */
const matrix: Record<Vis, Record<Who, { read: Outcome; write: Outcome }>> = {
  personal: {
    owner: { read: "ok", write: "ok" },
    teammate: { read: "not_found", write: "not_found" },
    viewer: { read: "not_found", write: "not_found" },
    otherTeam: { read: "not_found", write: "not_found" },
    admin: { read: "not_found", write: "not_found" },
    signedOut: { read: "unauthorized", write: "unauthorized" },
  },
  team: {
    owner: { read: "ok", write: "ok" },
    teammate: { read: "ok", write: "ok" },
    viewer: { read: "ok", write: "forbidden" },
    otherTeam: { read: "not_found", write: "not_found" },
    admin: { read: "not_found", write: "not_found" },
    signedOut: { read: "unauthorized", write: "unauthorized" },
  },
  global: {
    owner: { read: "ok", write: "ok" },
    teammate: { read: "ok", write: "ok" },
    viewer: { read: "ok", write: "forbidden" },
    otherTeam: { read: "ok", write: "forbidden" },
    admin: { read: "ok", write: "ok" },
    signedOut: { read: "unauthorized", write: "unauthorized" },
  },
};

const outcome = (r: ActionResult<unknown>): Outcome => (r.ok ? "ok" : (r.code as Outcome));
const ctx = (actor: Actor | null) => ({ actor, origin: "http://tandem.test", host: "tandem.test" });

describeDb("access matrix", (db) => {
  const actors = {} as Record<Who, Actor | null>;
  const wfIds = {} as Record<Vis, string>;
  let teamB = "";

  beforeAll(async () => {
    const teamA = await createTeam(db(), { name: "Team A" });
    const b = await createTeam(db(), { name: "Team B" });
    teamB = b.id;
    const owner = await createUser(db(), { name: "Owner" });
    const teammate = await createUser(db(), { name: "Teammate" });
    const viewer = await createUser(db(), { name: "Viewer" });
    const other = await createUser(db(), { name: "Other" });
    const admin = await createUser(db(), { name: "Admin", isAdmin: true });
    await addMember(db(), teamA.id, owner.id, "member");
    await addMember(db(), teamA.id, teammate.id, "member");
    await addMember(db(), teamA.id, viewer.id, "viewer");
    await addMember(db(), b.id, other.id, "admin");
    for (const vis of ["personal", "team", "global"] as const) {
      const wf = await createWorkflow(db(), {
        name: `${vis} workflow`,
        ownerUserId: owner.id,
        ownerTeamId: vis === "personal" ? null : teamA.id,
        visibility: vis,
      });
      await createItem(db(), { workflowId: wf.id, stageId: wf.stages[0]!.id, title: `${vis} secret item` });
      wfIds[vis] = wf.id;
    }
    actors.owner = await actorFor(db(), owner.id);
    actors.teammate = await actorFor(db(), teammate.id);
    actors.viewer = await actorFor(db(), viewer.id);
    actors.otherTeam = await actorFor(db(), other.id);
    actors.admin = await actorFor(db(), admin.id);
    actors.signedOut = null;
  });

  for (const vis of ["personal", "team", "global"] as const) {
    for (const who of Object.keys(matrix[vis]) as Who[]) {
      const expected = matrix[vis][who];
      it(`${vis} × ${who}: read → ${expected.read}, write → ${expected.write}`, async () => {
        const read = await runAction(ctx(actors[who]), workflowId, wfIds[vis], (actor, id) =>
          getBoard({ db: db(), actor, workflowId: id }),
        );
        expect(outcome(read)).toBe(expected.read);
        if (read.ok) expect(read.data.items.map((i) => i.title)).toEqual([`${vis} secret item`]);

        const listed = actors[who] ? await listVisibleWorkflows({ db: db(), actor: actors[who] }) : [];
        expect(listed.some((w) => w.id === wfIds[vis])).toBe(expected.read === "ok");

        const write = await runAction(ctx(actors[who]), renameWorkflowInput, { id: wfIds[vis], name: `renamed by ${who}` }, (actor, input) =>
          renameWorkflow(db(), actor, input),
        );
        expect(outcome(write)).toBe(expected.write);
      });
    }
  }

  it("answers an invisible workflow exactly like a missing or malformed id", async () => {
    const other = actors.otherTeam!;
    const messages = await Promise.all(
      [wfIds.personal, "00000000-0000-4000-8000-000000000000", "not-a-uuid"].map((id) =>
        runAction(ctx(other), workflowId.or(renameWorkflowInput.shape.name), id, (actor) => requireWorkflow(db(), actor, id)),
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
