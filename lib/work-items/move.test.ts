import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { type Db } from "@/db/client";
import { workItemEvents, workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createItem, createTeamWorkflow, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { moveItem } from "./move";
import { setItemArchived, updateItem } from "./service";

type Wf = Awaited<ReturnType<typeof createWorkflow>>;

const itemRow = async (db: Db, id: string) => (await db.select().from(workItems).where(eq(workItems.id, id)))[0]!;
const transitionsOf = (db: Db, id: string) =>
  db.select().from(workItemTransitions).where(eq(workItemTransitions.workItemId, id)).orderBy(asc(workItemTransitions.id));
const eventsOf = (db: Db, id: string) =>
  db.select().from(workItemEvents).where(eq(workItemEvents.workItemId, id)).orderBy(asc(workItemEvents.seq));
/** Titles of a stage's open items in column order. */
const column = async (db: Db, stageId: string) =>
  (await db.select().from(workItems).where(eq(workItems.stageId, stageId)).orderBy(asc(workItems.position))).map((i) => i.title);

describeDb("moving an item", (db) => {
  let alice: Actor;
  let bob: Actor;
  let wf: Wf;
  let otherWf: Wf;
  const stage = (i: number) => wf.stages[i]!.id;

  beforeAll(async () => {
    ({ wf, actors: [alice, bob] } = await createTeamWorkflow(db(), { members: ["Alice Park", "Bob Stone"] }));
    otherWf = await createWorkflow(db(), { ownerUserId: alice.userId, ownerTeamId: wf.ownerTeamId, visibility: "team" });
  });

  it("appends exactly one transition with actor, from, to, time and reason", async () => {
    const item = await createItem(db(), { workflowId: wf.id, stageId: stage(0) });
    const before = new Date();
    const result = await moveItem(db(), alice, { id: item.id, toStageId: stage(1), reason: "  picked it up  " });
    const after = new Date();

    const rows = await transitionsOf(db(), item.id);
    expect(rows).toHaveLength(2); // the creating one and this move
    const t = rows[1]!;
    expect(t).toMatchObject({ fromStageId: stage(0), toStageId: stage(1), actorId: alice.userId, reason: "picked it up" });
    expect(t.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(t.at.getTime()).toBeLessThanOrEqual(after.getTime());
    expect(result.transition).toEqual(t);
    expect(result.item).toMatchObject({ stageId: stage(1), version: 2 });
    expect(await itemRow(db(), item.id)).toMatchObject({ stageId: stage(1), version: 2 });

    const events = await eventsOf(db(), item.id);
    expect(events.map((e) => [e.kind, e.actorId, e.details])).toEqual([["moved", alice.userId, { from: stage(0), to: stage(1) }]]);
  });

  it("writes the item and its transition in one transaction: a refused transition leaves the item where it was", async () => {
    // A trigger refuses one transition insert, so the failure happens after the item row was updated.
    await db().execute(sql.raw(`create or replace function refuse_transition() returns trigger language plpgsql as $$
      begin raise exception 'transition refused by test trigger'; end $$`));
    await db().execute(sql.raw(`create trigger refuse_transition before insert on work_item_transitions
      for each row when (new.reason = 'refuse-me') execute function refuse_transition()`));
    try {
      const item = await createItem(db(), { workflowId: wf.id, stageId: stage(0) });
      const err = await moveItem(db(), alice, { id: item.id, toStageId: stage(1), reason: "refuse-me" }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect(`${(err as Error).message} ${String((err as Error).cause)}`).toContain("transition refused by test trigger");

      const row = await itemRow(db(), item.id);
      expect(row).toMatchObject({ stageId: stage(0), version: 1, position: item.position, completedAt: null });
      expect(await transitionsOf(db(), item.id)).toHaveLength(1);
      expect(await eventsOf(db(), item.id)).toHaveLength(0);

      // The same move with another reason goes through: the trigger was the only obstacle.
      await moveItem(db(), alice, { id: item.id, toStageId: stage(1), reason: "fine" });
      expect(await itemRow(db(), item.id)).toMatchObject({ stageId: stage(1), version: 2 });
    } finally {
      await db().execute(sql.raw("drop trigger refuse_transition on work_item_transitions"));
    }
  });

  it("reorders within a stage without a transition, but bumps the version and orders the column", async () => {
    const s = (await createWorkflow(db(), { ownerUserId: alice.userId })).stages[0]!;
    const [a, b, c] = [
      await createItem(db(), { workflowId: s.workflowId, stageId: s.id, title: "a" }),
      await createItem(db(), { workflowId: s.workflowId, stageId: s.id, title: "b" }),
      await createItem(db(), { workflowId: s.workflowId, stageId: s.id, title: "c" }),
    ];
    const top = await moveItem(db(), alice, { id: c!.id, toStageId: s.id, afterId: null, version: 1 });
    expect(top.transition).toBeNull();
    expect(top.item).toMatchObject({ stageId: s.id, version: 2 });
    expect(await column(db(), s.id)).toEqual(["c", "a", "b"]);

    await moveItem(db(), alice, { id: a!.id, toStageId: s.id, afterId: b!.id });
    expect(await column(db(), s.id)).toEqual(["c", "b", "a"]);

    for (const item of [a!, c!]) expect(await transitionsOf(db(), item.id)).toHaveLength(1);
    expect((await eventsOf(db(), c!.id)).map((e) => [e.kind, e.details])).toEqual([["reordered", {}]]);
  });

  it("sets completedAt on entering the last stage and clears it on leaving", async () => {
    const item = await createItem(db(), { workflowId: wf.id, stageId: stage(0) });
    const before = Date.now();
    const done = await moveItem(db(), alice, { id: item.id, toStageId: stage(2) });
    expect(done.item.completedAt).toBeInstanceOf(Date);
    expect(done.item.completedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(done.item.completedAt!.getTime()).toBe(done.transition!.at.getTime());

    // Reordering inside the last stage keeps the original completion time.
    const reordered = await moveItem(db(), alice, { id: item.id, toStageId: stage(2), afterId: null });
    expect(reordered.item.completedAt).toEqual(done.item.completedAt);

    const reopened = await moveItem(db(), bob, { id: item.id, toStageId: stage(1), reason: "found a bug" });
    expect(reopened.item.completedAt).toBeNull();
    expect((await itemRow(db(), item.id)).completedAt).toBeNull();
  });

  it("refuses a stage of another workflow as Invalid and changes nothing", async () => {
    const item = await createItem(db(), { workflowId: wf.id, stageId: stage(0) });
    await expect(moveItem(db(), alice, { id: item.id, toStageId: otherWf.stages[1]!.id })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { toStageId: ["Not a stage of this workflow."] },
    });
    expect(await itemRow(db(), item.id)).toMatchObject({ stageId: stage(0), version: 1 });
    expect(await transitionsOf(db(), item.id)).toHaveLength(1);
    expect(await eventsOf(db(), item.id)).toHaveLength(0);
  });

  it("refuses to move an archived item with a Conflict", async () => {
    const item = await createItem(db(), { workflowId: wf.id, stageId: stage(0) });
    await setItemArchived(db(), alice, { id: item.id });
    await expect(moveItem(db(), bob, { id: item.id, toStageId: stage(1) })).rejects.toMatchObject({
      code: "conflict",
      message: "This item is archived; restore it before moving it.",
    });
    expect(await itemRow(db(), item.id)).toMatchObject({ stageId: stage(0) });
    expect(await transitionsOf(db(), item.id)).toHaveLength(1);
  });

  it("refuses a stale version with a Conflict that names who moved the item", async () => {
    const item = await createItem(db(), { workflowId: wf.id, stageId: stage(0) });
    await moveItem(db(), alice, { id: item.id, toStageId: stage(1), version: 1 });

    const stale = moveItem(db(), bob, { id: item.id, toStageId: stage(2), version: 1 });
    await expect(stale).rejects.toMatchObject({ code: "conflict" });
    await expect(stale).rejects.toThrow(/^Alice Park moved this item a moment ago,/);
    expect(await itemRow(db(), item.id)).toMatchObject({ stageId: stage(1), version: 2, completedAt: null });
    expect(await transitionsOf(db(), item.id)).toHaveLength(2);

    // After an edit the message says "changed" and names the editor.
    await updateItem(db(), bob, { id: item.id, title: "Renamed by Bob" });
    await expect(moveItem(db(), alice, { id: item.id, toStageId: stage(0), version: 2 })).rejects.toThrow(
      /^Bob Stone changed this item a moment ago,/,
    );
    const ok = await moveItem(db(), alice, { id: item.id, toStageId: stage(0), version: 3 });
    expect(ok.item.version).toBe(4);
  });
});
