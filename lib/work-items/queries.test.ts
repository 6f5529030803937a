import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { workItemComments, workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createItem, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { moveItem } from "./move";
import { getItemPage } from "./queries";
import { addComment, createItem as createItemService, setItemArchived } from "./service";

const MIN = 60_000;
const HOUR = 60 * MIN;
const t0 = new Date("2026-03-01T09:00:00Z");
const t1 = new Date(t0.getTime() + 26 * HOUR);
const t2 = new Date(t1.getTime() + 3 * 24 * HOUR + 4 * HOUR);
const t3 = new Date(t2.getTime() + 90 * MIN);

describeDb("getItemPage", (db) => {
  let alice: Actor;
  let bob: Actor;
  let viewer: Actor;
  let carol: Actor;
  let wf: Awaited<ReturnType<typeof createWorkflow>>;
  let otherWf: Awaited<ReturnType<typeof createWorkflow>>;

  /** Records a move at a chosen time, as the move function would, so durations are exact. */
  async function moveAt(itemId: string, from: string, to: string, at: Date, actorId: string, reason: string | null = null) {
    await db().insert(workItemTransitions).values({ workItemId: itemId, fromStageId: from, toStageId: to, actorId, at, reason });
    await db().update(workItems).set({ stageId: to }).where(eq(workItems.id, itemId));
  }

  beforeAll(async () => {
    const team = await createTeam(db(), { name: "Platform" });
    const other = await createTeam(db(), { name: "Growth" });
    const a = await createUser(db(), { name: "Alice" });
    const b = await createUser(db(), { name: "Bob" });
    const v = await createUser(db(), { name: "Vic" });
    const c = await createUser(db(), { name: "Carol" });
    await addMember(db(), team.id, a.id, "admin");
    await addMember(db(), team.id, b.id, "member");
    await addMember(db(), team.id, v.id, "viewer");
    await addMember(db(), other.id, c.id, "admin");
    alice = await actorFor(db(), a.id);
    bob = await actorFor(db(), b.id);
    viewer = await actorFor(db(), v.id);
    carol = await actorFor(db(), c.id);
    wf = await createWorkflow(db(), { ownerUserId: a.id, ownerTeamId: team.id, visibility: "team" });
    otherWf = await createWorkflow(db(), { ownerUserId: c.id, ownerTeamId: other.id, visibility: "team" });
  });

  it("gives each stage visit its duration, up to now for the current one", async () => {
    const [todo, doing, done] = wf.stages;
    const item = await createItem(db(), { workflowId: wf.id, stageId: todo!.id, actorId: alice.userId, at: t0 });
    await moveAt(item.id, todo!.id, doing!.id, t1, bob.userId);
    await moveAt(item.id, doing!.id, done!.id, t2, alice.userId, "shipped early");

    const page = await getItemPage({ db: db(), actor: bob, itemId: item.id, now: t3 });
    expect(page.timeline.map((t) => [t.fromStageName, t.toStageName, t.actorName, t.durationMs, t.current])).toEqual([
      [null, "To do", "Alice", t1.getTime() - t0.getTime(), false],
      ["To do", "Doing", "Bob", t2.getTime() - t1.getTime(), false],
      ["Doing", "Done", "Alice", t3.getTime() - t2.getTime(), true],
    ]);
    expect(page.timeline[2]!.reason).toBe("shipped early");
    expect(page.stages.map((s) => s.name)).toEqual(["To do", "Doing", "Done"]);
  });

  it("stops the current stage's clock when the item was archived", async () => {
    const [todo, doing] = wf.stages;
    const item = await createItem(db(), { workflowId: wf.id, stageId: todo!.id, at: t0 });
    await moveAt(item.id, todo!.id, doing!.id, t1, alice.userId);
    await db().update(workItems).set({ archivedAt: t2 }).where(eq(workItems.id, item.id));

    const page = await getItemPage({ db: db(), actor: alice, itemId: item.id, now: t3 });
    expect(page.timeline.map((t) => t.durationMs)).toEqual([t1.getTime() - t0.getTime(), t2.getTime() - t1.getTime()]);
    expect(page.timeline.at(-1)!.current).toBe(true);
    expect(page.item.archivedAt).toEqual(t2);
  });

  it("lists comments oldest first, with their authors", async () => {
    const item = await createItem(db(), { workflowId: wf.id, stageId: wf.stages[0]!.id });
    await db()
      .insert(workItemComments)
      .values([
        { workItemId: item.id, authorId: bob.userId, body: "second", createdAt: new Date(t0.getTime() + HOUR) },
        { workItemId: item.id, authorId: alice.userId, body: "first", createdAt: t0 },
        { workItemId: item.id, authorId: alice.userId, body: "third", createdAt: new Date(t0.getTime() + 2 * HOUR) },
      ]);
    const page = await getItemPage({ db: db(), actor: alice, itemId: item.id });
    expect(page.comments.map((c) => [c.body, c.authorName])).toEqual([
      ["first", "Alice"],
      ["second", "Bob"],
      ["third", "Alice"],
    ]);
  });

  it("follows the real create, move, comment and archive functions", async () => {
    const created = await createItemService(db(), alice, { workflowId: wf.id, title: "Through the services", data: { ref: "X-1" } });
    const { item: moved } = await moveItem(db(), bob, { id: created.id, toStageId: wf.stages[1]!.id, version: created.version, reason: "picked up" });
    await addComment(db(), bob, { itemId: created.id, body: "on it" });
    const page = await getItemPage({ db: db(), actor: alice, itemId: created.id });
    expect(page.item).toMatchObject({ title: "Through the services", data: { ref: "X-1" }, createdByName: "Alice", version: moved.version });
    expect(page.timeline.map((t) => [t.toStageName, t.actorName, t.reason, t.current])).toEqual([
      ["To do", "Alice", null, false],
      ["Doing", "Bob", "picked up", true],
    ]);
    expect(page.timeline.every((t) => t.durationMs >= 0)).toBe(true);
    expect(page.comments.map((c) => c.body)).toEqual(["on it"]);
    expect(page.assignees.map((a) => a.name)).toEqual(["Alice", "Bob", "Vic"]);

    await setItemArchived(db(), alice, { id: created.id, archived: true });
    const archived = await getItemPage({ db: db(), actor: alice, itemId: created.id });
    expect(archived.item.archivedAt).toBeInstanceOf(Date);
  });

  it("tells writers from readers through the workflow level", async () => {
    const item = await createItem(db(), { workflowId: wf.id, stageId: wf.stages[0]!.id });
    expect((await getItemPage({ db: db(), actor: bob, itemId: item.id })).workflow.level).toBe("WRITE");
    expect((await getItemPage({ db: db(), actor: viewer, itemId: item.id })).workflow.level).toBe("READ");
  });

  describe("answers NotFound", () => {
    it("for another team's item, in both directions", async () => {
      const mine = await createItem(db(), { workflowId: wf.id, stageId: wf.stages[0]!.id });
      const theirs = await createItem(db(), { workflowId: otherWf.id, stageId: otherWf.stages[0]!.id });
      await expect(getItemPage({ db: db(), actor: carol, itemId: mine.id })).rejects.toBeInstanceOf(NotFound);
      await expect(getItemPage({ db: db(), actor: alice, itemId: theirs.id })).rejects.toBeInstanceOf(NotFound);
      expect((await getItemPage({ db: db(), actor: carol, itemId: theirs.id })).item.id).toBe(theirs.id);
    });

    it("for a missing or malformed id", async () => {
      await expect(getItemPage({ db: db(), actor: alice, itemId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFound);
      await expect(getItemPage({ db: db(), actor: alice, itemId: "not-an-id" })).rejects.toBeInstanceOf(NotFound);
    });
  });
});
