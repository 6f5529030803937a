import { and, asc, count, eq, isNull } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { type Db } from "@/db/client";
import { workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createItem, createTeamWithMembers, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { moveItem } from "./move";
import { createItem as createItemAs, setItemArchived } from "./service";

const FULL = "“Doing” is at its WIP limit of 2. Move an item out of it first.";

const openIn = async (db: Db, stageId: string) =>
  (await db.select().from(workItems).where(and(eq(workItems.stageId, stageId), isNull(workItems.archivedAt))).orderBy(asc(workItems.position))).map(
    (i) => i.title,
  );
const transitionsInto = async (db: Db, stageId: string) =>
  (await db.select({ n: count() }).from(workItemTransitions).where(eq(workItemTransitions.toStageId, stageId)))[0]!.n;

describeDb("WIP limits", (db) => {
  let alice: Actor;
  let bob: Actor;
  let teamId: string;

  beforeAll(async () => {
    const { team, actors } = await createTeamWithMembers(db(), { members: ["Alice Park", "Bob Stone"] });
    teamId = team.id;
    [alice, bob] = actors;
  });

  /** Backlog, Doing (limit `limit`), Done, with `n` items in the backlog. */
  async function board(limit: number, n: number) {
    const wf = await createWorkflow(db(), {
      ownerUserId: alice.userId,
      ownerTeamId: teamId,
      visibility: "team",
      stages: [{ name: "Backlog" }, { name: "Doing", config: { wipLimit: limit } }, { name: "Done" }],
    });
    const items = [];
    for (let i = 0; i < n; i++) items.push(await createItem(db(), { workflowId: wf.id, stageId: wf.stages[0]!.id, title: `item ${i}` }));
    return { wf, backlog: wf.stages[0]!.id, doing: wf.stages[1]!.id, items };
  }

  it("accepts items up to the limit and refuses the next with a Conflict naming the stage and limit", async () => {
    const { backlog, doing, items } = await board(2, 3);
    await moveItem(db(), alice, { id: items[0]!.id, toStageId: doing });
    await moveItem(db(), bob, { id: items[1]!.id, toStageId: doing });
    await expect(moveItem(db(), alice, { id: items[2]!.id, toStageId: doing })).rejects.toMatchObject({ code: "conflict", message: FULL });

    expect(await openIn(db(), doing)).toEqual(["item 0", "item 1"]);
    expect(await openIn(db(), backlog)).toEqual(["item 2"]);
    expect(await transitionsInto(db(), doing)).toBe(2);
  });

  it("refuses to create an item in a full stage", async () => {
    const { wf, doing, items } = await board(2, 2);
    for (const item of items) await moveItem(db(), alice, { id: item.id, toStageId: doing });
    await expect(createItemAs(db(), alice, { workflowId: wf.id, stageId: doing, title: "one too many" })).rejects.toMatchObject({
      code: "conflict",
      message: FULL,
    });
    expect(await db().select().from(workItems).where(eq(workItems.title, "one too many"))).toEqual([]);
    // The other stages take new items as before.
    await expect(createItemAs(db(), alice, { workflowId: wf.id, title: "into the backlog" })).resolves.toMatchObject({ stageId: wf.stages[0]!.id });
  });

  it("counts archived items out, and refuses to restore one into a full stage", async () => {
    const { backlog, doing, items } = await board(2, 3);
    await moveItem(db(), alice, { id: items[0]!.id, toStageId: doing });
    await moveItem(db(), alice, { id: items[1]!.id, toStageId: doing });
    await setItemArchived(db(), alice, { id: items[0]!.id });
    await moveItem(db(), alice, { id: items[2]!.id, toStageId: doing }); // the archived one freed a slot
    expect(await openIn(db(), doing)).toEqual(["item 1", "item 2"]);

    await expect(setItemArchived(db(), bob, { id: items[0]!.id, archived: false })).rejects.toMatchObject({ code: "conflict", message: FULL });
    const [row] = await db().select().from(workItems).where(eq(workItems.id, items[0]!.id));
    expect(row!.archivedAt).toBeInstanceOf(Date);

    await moveItem(db(), alice, { id: items[2]!.id, toStageId: backlog });
    await expect(setItemArchived(db(), bob, { id: items[0]!.id, archived: false })).resolves.toMatchObject({ archivedAt: null });
    expect(await openIn(db(), doing)).toEqual(["item 1", "item 0"]);
  });

  it("lets items be reordered inside a full stage", async () => {
    const { doing, items } = await board(2, 2);
    for (const item of items) await moveItem(db(), alice, { id: item.id, toStageId: doing });
    const r = await moveItem(db(), bob, { id: items[1]!.id, toStageId: doing, afterId: null });
    expect(r.transition).toBeNull();
    expect(await openIn(db(), doing)).toEqual(["item 1", "item 0"]);
  });

  it("lets exactly one of two concurrent moves take the last free slot", async () => {
    for (let round = 0; round < 5; round++) {
      const { backlog, doing, items } = await board(2, 3);
      await moveItem(db(), alice, { id: items[0]!.id, toStageId: doing });
      const results = await Promise.allSettled([
        moveItem(db(), alice, { id: items[1]!.id, toStageId: doing }),
        moveItem(db(), bob, { id: items[2]!.id, toStageId: doing }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost.map((r) => (r as PromiseRejectedResult).reason)).toMatchObject([{ code: "conflict", message: FULL }]);
      expect(await openIn(db(), doing)).toHaveLength(2);
      expect(await openIn(db(), backlog)).toHaveLength(1);
      expect(await transitionsInto(db(), doing)).toBe(2);
    }
  });
});
