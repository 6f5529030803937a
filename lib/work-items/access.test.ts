import { and, count, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { teamMembers, workItemComments, workItems } from "@/db/schema";
import { ACCESS_MATRIX, type AccessWorld, VISIBILITIES, type Vis, type Who, actionContext, createAccessWorld, outcome } from "@/db/testing/access-world";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createUser } from "@/db/testing/factories";
import { runAction } from "@/lib/auth/action-core";
import type { Actor } from "@/lib/auth/actor";
import { workflowId } from "@/lib/workflows/schemas";
import { moveItem } from "./move";
import { getBoard, getItemPage } from "./queries";
import { addCommentInput, archiveItemInput, createItemInput, itemId, moveItemInput, updateItemInput } from "./schemas";
import { addComment, createItem, setItemArchived, updateItem } from "./service";

describeDb("item access matrix", (db) => {
  let actors: AccessWorld["actors"];
  const boards = {} as Record<Vis, { wfId: string; itemId: string; stages: string[] }>;
  let teamAId = "";
  let teamBStage = "";

  const version = async (id: string) => (await db().select().from(workItems).where(eq(workItems.id, id)))[0]!.version;
  const created = async (title: string) => (await db().select({ n: count() }).from(workItems).where(eq(workItems.title, title)))[0]!.n;

  beforeAll(async () => {
    const world = await createAccessWorld(db());
    actors = world.actors;
    for (const vis of VISIBILITIES) {
      const wf = world.workflows[vis];
      boards[vis] = { wfId: wf.id, itemId: wf.itemId, stages: wf.stages };
    }
    teamAId = world.teamA.id;
    teamBStage = world.teamBStageId;
  });

  /** Every write an item offers, through the action wrapper with the action's own schema. */
  async function writes(actor: Actor | null, vis: Vis, who: string) {
    const { wfId, itemId: id, stages } = boards[vis];
    const c = actionContext(actor);
    const results = {
      move: await runAction(c, moveItemInput, { id, toStageId: stages[1] }, (a, input) => moveItem(db(), a, input)),
      update: await runAction(c, updateItemInput, { id, description: `edited by ${who}` }, (a, input) => updateItem(db(), a, input)),
      create: await runAction(c, createItemInput, { workflowId: wfId, title: `${vis} item by ${who}` }, (a, input) => createItem(db(), a, input)),
      comment: await runAction(c, addCommentInput, { itemId: id, body: `${vis} comment by ${who}` }, (a, input) => addComment(db(), a, input)),
      archive: await runAction(c, archiveItemInput, { id, archived: true }, (a, input) => setItemArchived(db(), a, input)),
    };
    if (results.archive.ok) {
      const restore = await runAction(c, archiveItemInput, { id, archived: false }, (a, input) => setItemArchived(db(), a, input));
      expect(restore.ok).toBe(true);
    }
    return results;
  }

  for (const vis of VISIBILITIES) {
    for (const who of Object.keys(ACCESS_MATRIX[vis]) as Who[]) {
      const expected = ACCESS_MATRIX[vis][who];
      it(`${vis} × ${who}: read → ${expected.read}, write → ${expected.write}`, async () => {
        const { wfId, itemId: id } = boards[vis];
        const page = await runAction(actionContext(actors[who]), itemId, id, (actor, input) => getItemPage({ db: db(), actor, itemId: input }));
        expect(outcome(page)).toBe(expected.read);
        if (page.ok) expect(page.data.item.title).toBe(`${vis} secret item`);
        const board = await runAction(actionContext(actors[who]), workflowId, wfId, (actor, input) => getBoard({ db: db(), actor, workflowId: input }));
        expect(outcome(board)).toBe(expected.read);
        if (board.ok) expect(board.data.items.map((i) => i.id)).toContain(id);

        const before = await version(id);
        const results = await writes(actors[who], vis, who);
        expect(Object.fromEntries(Object.entries(results).map(([op, r]) => [op, outcome(r)]))).toEqual({
          move: expected.write,
          update: expected.write,
          create: expected.write,
          comment: expected.write,
          archive: expected.write,
        });
        for (const r of Object.values(results)) if (!r.ok) expect(r.message).not.toContain("secret");
        if (expected.write !== "ok") {
          expect(await version(id)).toBe(before);
          expect(await created(`${vis} item by ${who}`)).toBe(0);
          const comments = await db().select().from(workItemComments).where(eq(workItemComments.body, `${vis} comment by ${who}`));
          expect(comments).toEqual([]);
        }
      });
    }
  }

  it("answers an invisible item exactly like a missing or malformed id", async () => {
    const other = actors.otherTeam!;
    const missing = "00000000-0000-4000-8000-000000000000";
    const reads = await Promise.all(
      [boards.personal.itemId, boards.team.itemId, missing, "not-a-uuid"].map((id) =>
        runAction(actionContext(other), z.string(), id, (actor, input) => getItemPage({ db: db(), actor, itemId: input })),
      ),
    );
    expect(reads.map((r) => (r.ok ? "ok" : `${r.code}: ${r.message}`))).toEqual(Array(4).fill("not_found: Item was not found."));
    const moves = await Promise.all(
      [boards.team.itemId, missing].map((id) =>
        runAction(actionContext(other), moveItemInput, { id, toStageId: teamBStage }, (actor, input) => moveItem(db(), actor, input)),
      ),
    );
    expect(moves.map((r) => (r.ok ? "ok" : `${r.code}: ${r.message}`))).toEqual(Array(2).fill("not_found: Item was not found."));
  });

  it("refuses another team's item moved into your own stage as not found, and never moves it", async () => {
    const other = actors.otherTeam!;
    const { itemId: id, stages } = boards.team;
    const r = await runAction(actionContext(other), moveItemInput, { id, toStageId: teamBStage, afterId: null }, (actor, input) => moveItem(db(), actor, input));
    expect(r).toEqual({ ok: false, code: "not_found", message: "Item was not found." });
    const [row] = await db().select().from(workItems).where(eq(workItems.id, id));
    expect(stages).toContain(row!.stageId);

    // The other way round, your item into another team's stage: the same answer as a stage that does not exist.
    const into = await Promise.all(
      [teamBStage, "00000000-0000-4000-8000-000000000000"].map((toStageId) =>
        runAction(actionContext(actors.owner), moveItemInput, { id, toStageId }, (actor, input) => moveItem(db(), actor, input)),
      ),
    );
    expect(into[0]).toMatchObject({ ok: false, code: "invalid" });
    expect(into[0]).toEqual(into[1]);
  });

  it("takes access away from a member removed from the team at once, and on the next request", async () => {
    const leaver = await createUser(db(), { name: "Leaver" });
    await addMember(db(), teamAId, leaver.id, "member");
    const stale = await actorFor(db(), leaver.id);
    const move = (actor: Actor, vis: Vis) =>
      runAction(actionContext(actor), moveItemInput, { id: boards[vis].itemId, toStageId: boards[vis].stages[0] }, (a, input) => moveItem(db(), a, input));
    const read = (actor: Actor, vis: Vis) =>
      runAction(actionContext(actor), itemId, boards[vis].itemId, (a, input) => getItemPage({ db: db(), actor: a, itemId: input }));
    expect(outcome(await move(stale, "team"))).toBe("ok");

    await db().delete(teamMembers).where(and(eq(teamMembers.teamId, teamAId), eq(teamMembers.userId, leaver.id)));
    // The actor loaded before the removal: membership is read inside the query, so the team board is gone already.
    expect([outcome(await read(stale, "team")), outcome(await move(stale, "team"))]).toEqual(["not_found", "not_found"]);
    // The next request loads the actor afresh: a global board stays readable but no longer writable.
    const fresh = await actorFor(db(), leaver.id);
    expect([outcome(await read(fresh, "team")), outcome(await move(fresh, "team"))]).toEqual(["not_found", "not_found"]);
    expect([outcome(await read(fresh, "global")), outcome(await move(fresh, "global"))]).toEqual(["ok", "forbidden"]);
  });
});
