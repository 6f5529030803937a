import { asc, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { type Db } from "@/db/client";
import { auditLog, workItemEvents, workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, createItem as seedItem, createTeamWorkflow, createUser, createWorkflow } from "@/db/testing/factories";
import { runAction } from "@/lib/auth/action-core";
import type { Actor } from "@/lib/auth/actor";
import { latestItemEventSeq, listItemEventsSince } from "./events";
import { moveItem } from "./move";
import { getBoard, getItemPage } from "./queries";
import { createItemInput } from "./schemas";
import { addComment, createItem, setItemArchived, updateItem } from "./service";

type Wf = Awaited<ReturnType<typeof createWorkflow>>;

const itemRow = async (db: Db, id: string) => (await db.select().from(workItems).where(eq(workItems.id, id)))[0]!;
const eventsOf = async (db: Db, id: string) =>
  (await db.select().from(workItemEvents).where(eq(workItemEvents.workItemId, id)).orderBy(asc(workItemEvents.seq))).map((e) => ({
    kind: e.kind,
    actorId: e.actorId,
    details: e.details,
  }));
const byTitle = async (db: Db, title: string) => db.select().from(workItems).where(eq(workItems.title, title));

describeDb("item service", (db) => {
  let alice: Actor;
  let bob: Actor;
  let outsider: Actor;
  let wf: Wf;

  beforeAll(async () => {
    ({ wf, actors: [alice, bob] } = await createTeamWorkflow(db(), { members: ["Alice Park", "Bob Stone"] }));
    outsider = await actorFor(db(), (await createUser(db(), { name: "Olga Outside" })).id);
  });

  it("creates an item at the bottom of the first stage with its creating transition and event", async () => {
    const existing = await seedItem(db(), { workflowId: wf.id, stageId: wf.stages[0]!.id });
    const before = Date.now();
    const item = await createItem(db(), alice, { workflowId: wf.id, title: "  Write the spec  ", assigneeId: bob.userId, priority: "high" });
    expect(item).toMatchObject({ stageId: wf.stages[0]!.id, title: "Write the spec", assigneeId: bob.userId, priority: "high" });
    expect(item).toMatchObject({ version: 1, createdById: alice.userId, completedAt: null, archivedAt: null, data: {}, description: "" });
    expect(item.position).toBeGreaterThan(existing.position);
    expect(item.createdAt.getTime()).toBeGreaterThanOrEqual(before);

    const transitions = await db().select().from(workItemTransitions).where(eq(workItemTransitions.workItemId, item.id));
    expect(transitions).toEqual([expect.objectContaining({ fromStageId: null, toStageId: wf.stages[0]!.id, actorId: alice.userId, reason: null })]);
    expect(transitions[0]!.at).toEqual(item.createdAt);
    expect(await eventsOf(db(), item.id)).toEqual([{ kind: "created", actorId: alice.userId, details: {} }]);
  });

  it("creates an item straight into the last stage as completed", async () => {
    const item = await createItem(db(), alice, { workflowId: wf.id, stageId: wf.stages[2]!.id, title: "Already done" });
    expect(item.completedAt).toEqual(item.createdAt);
  });

  it("refuses an assignee from outside the team and a stage from another workflow, creating nothing", async () => {
    await expect(createItem(db(), alice, { workflowId: wf.id, title: "Assigned out", assigneeId: outsider.userId })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { assigneeId: ["Choose someone from the workflow's team."] },
    });
    const personal = await createWorkflow(db(), { ownerUserId: alice.userId });
    await expect(createItem(db(), alice, { workflowId: wf.id, title: "Wrong stage", stageId: personal.stages[0]!.id })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { stageId: ["Not a stage of this workflow."] },
    });
    // On a personal workflow only the owner can be assigned, even a teammate is refused.
    await expect(createItem(db(), alice, { workflowId: personal.id, title: "Mine", assigneeId: bob.userId })).rejects.toMatchObject({
      fieldErrors: { assigneeId: expect.any(Array) },
    });
    for (const title of ["Assigned out", "Wrong stage", "Mine"]) expect(await byTitle(db(), title)).toEqual([]);
  });

  it("takes data as JSON text and refuses text that is not a JSON object", async () => {
    const item = await createItem(db(), alice, { workflowId: wf.id, title: "With data", data: '{"ref": "ABC-1", "n": [1, 2]}' });
    expect((await itemRow(db(), item.id)).data).toEqual({ ref: "ABC-1", n: [1, 2] });
    await expect(createItem(db(), alice, { workflowId: wf.id, title: "Bad data", data: '{"ref": ' })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { data: [expect.stringMatching(/^Data is not valid JSON/)] },
    });
    await expect(createItem(db(), alice, { workflowId: wf.id, title: "Bad data", data: "[1, 2]" })).rejects.toMatchObject({
      fieldErrors: { data: ['Data must be a JSON object, like {"ref": "ABC-1"}.'] },
    });
    expect(await byTitle(db(), "Bad data")).toEqual([]);
  });

  it("creates from a submitted form through the action wrapper: empty fields mean none", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ workflowId: wf.id, title: "From the form", stageId: "", assigneeId: "", data: '{"a": 1}', priority: "low" })) {
      form.set(k, v);
    }
    const ctx = { actor: bob, origin: "http://tandem.test", host: "tandem.test" };
    const r = await runAction(ctx, createItemInput, form, (actor, input) => createItem(db(), actor, input));
    expect(r).toMatchObject({ ok: true, data: { stageId: wf.stages[0]!.id, assigneeId: null, data: { a: 1 }, priority: "low", createdById: bob.userId } });
  });

  it("records which fields an edit changed, and writes nothing for an edit that changes nothing", async () => {
    const item = await createItem(db(), alice, { workflowId: wf.id, title: "Edit me", data: { ref: "A-1", a: 1 } });
    const edited = await updateItem(db(), bob, { id: item.id, version: 1, title: "Edit me", description: "Now with words", priority: "urgent" });
    expect(edited).toMatchObject({ version: 2, description: "Now with words", priority: "urgent", title: "Edit me" });
    expect(edited.updatedAt.getTime()).toBeGreaterThanOrEqual(item.updatedAt.getTime());
    expect((await eventsOf(db(), item.id)).at(-1)).toEqual({ kind: "updated", actorId: bob.userId, details: { fields: ["description", "priority"] } });

    // The same values again, data with its keys in another order: nothing to write.
    const same = await updateItem(db(), alice, { id: item.id, title: "Edit me", description: "Now with words", data: { a: 1, ref: "A-1" } });
    const again = await updateItem(db(), alice, { id: item.id, data: '{"ref": "A-1", "a": 1}' });
    expect([same.version, again.version]).toEqual([2, 2]);
    expect(await itemRow(db(), item.id)).toMatchObject({ version: 2, updatedAt: edited.updatedAt });
    expect(await eventsOf(db(), item.id)).toHaveLength(2);

    await updateItem(db(), alice, { id: item.id, assigneeId: bob.userId });
    const unassigned = await updateItem(db(), alice, { id: item.id, assigneeId: "" });
    expect(unassigned).toMatchObject({ assigneeId: null, version: 4 });
    expect((await eventsOf(db(), item.id)).slice(2).map((e) => e.details)).toEqual([{ fields: ["assigneeId"] }, { fields: ["assigneeId"] }]);
  });

  it("refuses an edit based on a replaced version, naming who changed it, and an assignee from outside", async () => {
    const item = await createItem(db(), alice, { workflowId: wf.id, title: "Contested" });
    await updateItem(db(), alice, { id: item.id, version: 1, title: "Alice's title" });
    await expect(updateItem(db(), bob, { id: item.id, version: 1, title: "Bob's title" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/^Alice Park changed this item a moment ago,/),
    });
    await expect(updateItem(db(), bob, { id: item.id, assigneeId: outsider.userId })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { assigneeId: expect.any(Array) },
    });
    expect(await itemRow(db(), item.id)).toMatchObject({ title: "Alice's title", version: 2, assigneeId: null });
  });

  it("archives with an audit row and takes the item off the board; restores it at the bottom", async () => {
    const other = await createItem(db(), alice, { workflowId: wf.id, title: "Stays" });
    const item = await createItem(db(), alice, { workflowId: wf.id, title: "To archive" });
    await moveItem(db(), alice, { id: item.id, toStageId: wf.stages[0]!.id, afterId: null });
    const archived = await setItemArchived(db(), bob, { id: item.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const onBoard = async () => (await getBoard({ db: db(), actor: alice, workflowId: wf.id })).items.map((i) => i.id);
    expect(await onBoard()).not.toContain(item.id);
    expect(await onBoard()).toContain(other.id);
    await expect(setItemArchived(db(), bob, { id: item.id })).rejects.toMatchObject({ code: "conflict", message: "This item is already archived." });

    const restored = await setItemArchived(db(), alice, { id: item.id, archived: false });
    expect(restored.archivedAt).toBeNull();
    expect(restored.position).toBeGreaterThan(other.position);
    expect((await onBoard()).at(-1)).toBe(item.id);
    await expect(setItemArchived(db(), alice, { id: item.id, archived: false })).rejects.toMatchObject({ code: "conflict" });

    const audit = await db().select().from(auditLog).where(eq(auditLog.targetId, item.id)).orderBy(asc(auditLog.seq));
    expect(audit.map((a) => [a.action, a.actorId, a.targetType, a.outcome, a.requestId, a.details])).toEqual([
      ["item.archive", bob.userId, "work_item", "success", "test-request", { workflowId: wf.id, title: "To archive" }],
      ["item.restore", alice.userId, "work_item", "success", "test-request", { workflowId: wf.id, title: "To archive" }],
    ]);
    expect((await eventsOf(db(), item.id)).map((e) => e.kind)).toEqual(["created", "reordered", "archived", "restored"]);
  });

  it("adds comments in order, with their author, and refuses an empty one", async () => {
    const item = await createItem(db(), alice, { workflowId: wf.id, title: "Discussed" });
    const c = await addComment(db(), bob, { itemId: item.id, body: "  First!  " });
    expect(c).toMatchObject({ workItemId: item.id, authorId: bob.userId, body: "First!" });
    await addComment(db(), alice, { itemId: item.id, body: "Second." });
    await expect(addComment(db(), alice, { itemId: item.id, body: "   " })).rejects.toMatchObject({ code: "invalid", fieldErrors: { body: ["Write something first."] } });
    const page = await getItemPage({ db: db(), actor: alice, itemId: item.id });
    expect(page.comments.map((x) => [x.authorName, x.body])).toEqual([["Bob Stone", "First!"], ["Alice Park", "Second."]]);
    expect((await eventsOf(db(), item.id)).map((e) => [e.kind, e.actorId])).toEqual([
      ["created", alice.userId],
      ["commented", bob.userId],
      ["commented", alice.userId],
    ]);
  });

  it("feeds one event per write, in order, per workflow; refused and empty writes add none", async () => {
    const feedWf = await createWorkflow(db(), { ownerUserId: alice.userId });
    const quiet = await createWorkflow(db(), { ownerUserId: alice.userId });
    expect(await latestItemEventSeq(db(), feedWf.id)).toBe(0);
    const item = await createItem(db(), alice, { workflowId: feedWf.id, title: "Fed" });
    await createItem(db(), alice, { workflowId: quiet.id, title: "Elsewhere" });
    await updateItem(db(), alice, { id: item.id, title: "Fed well" });
    await updateItem(db(), alice, { id: item.id, title: "Fed well" }); // no change
    await moveItem(db(), alice, { id: item.id, toStageId: feedWf.stages[1]!.id });
    await moveItem(db(), alice, { id: item.id, toStageId: feedWf.stages[1]!.id, afterId: null });
    await expect(moveItem(db(), alice, { id: item.id, toStageId: feedWf.stages[2]!.id, version: 1 })).rejects.toMatchObject({ code: "conflict" });
    await addComment(db(), alice, { itemId: item.id, body: "Noted" });
    await setItemArchived(db(), alice, { id: item.id });
    await setItemArchived(db(), alice, { id: item.id, archived: false });

    const feed = await listItemEventsSince(db(), feedWf.id, 0);
    expect(feed.map((e) => e.kind)).toEqual(["created", "updated", "moved", "reordered", "commented", "archived", "restored"]);
    expect(feed.every((e) => e.itemId === item.id && e.actorId === alice.userId)).toBe(true);
    for (let i = 1; i < feed.length; i++) expect(feed[i]!.seq).toBeGreaterThan(feed[i - 1]!.seq);

    expect((await listItemEventsSince(db(), feedWf.id, feed[2]!.seq)).map((e) => e.kind)).toEqual(["reordered", "commented", "archived", "restored"]);
    expect((await listItemEventsSince(db(), feedWf.id, feed[2]!.seq, 2)).map((e) => e.seq)).toEqual([feed[3]!.seq, feed[4]!.seq]);
    expect(await listItemEventsSince(db(), feedWf.id, feed.at(-1)!.seq)).toEqual([]);
    expect(await latestItemEventSeq(db(), feedWf.id)).toBe(feed.at(-1)!.seq);
    expect((await getBoard({ db: db(), actor: alice, workflowId: feedWf.id })).cursor).toBe(feed.at(-1)!.seq);
    expect((await listItemEventsSince(db(), quiet.id, 0)).map((e) => e.kind)).toEqual(["created"]);
  });
});
