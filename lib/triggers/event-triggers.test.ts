import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { teamMembers, triggers, workItemTransitions } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createUser } from "@/db/testing/factories";
import type { EngineEvent } from "@/lib/engine/runtime/worker";
import { createItem } from "@/lib/work-items/service";
import { moveItem } from "@/lib/work-items/move";
import { onTriggerEvent } from "./events";
import { createTrigger } from "./service";
import { auditOf, createTriggerWorld, itemsOf } from "./testing";

type World = Awaited<ReturnType<typeof createTriggerWorld>>;

const entered = (item: { id: string; workflowId: string; stageId: string }, fromStageId: string | null = null): EngineEvent => ({
  type: "item.entered_stage",
  workflowId: item.workflowId,
  workItemId: item.id,
  stageId: item.stageId,
  fromStageId,
  actorId: null,
});

describeDb("triggers: events", (db) => {
  let w: World;
  beforeAll(async () => {
    w = await createTriggerWorld(db());
  });
  // Each test starts with no triggers, so earlier ones never fire in later tests.
  beforeEach(async () => {
    await db().delete(triggers);
  });
  const listen = (workflowId: string, sourceWorkflowId: string, config: Record<string, unknown> = {}, name = "Listener") =>
    createTrigger(db(), w.owner, { workflowId, kind: "event", name, config: { event: "item.entered_stage", sourceWorkflowId, ...config } }).then((r) => r.trigger);

  it("an item entering a stage of A creates an item in B (listening), none in C, none in another tenant", async () => {
    const inB = await listen(w.b.id, w.a.id);
    await listen(w.c.id, w.b.id, {}, "C listens to B, not A");
    // Another tenant's trigger on A, as if made before its creator lost access (creation would be a 404).
    const [spy] = await db()
      .insert(triggers)
      .values({ workflowId: w.d.id, kind: "event", name: "Spy", config: { event: "item.entered_stage", sourceWorkflowId: w.a.id }, createdById: w.outsider.userId })
      .returning();
    const before = { c: (await itemsOf(db(), w.c.id)).length, d: (await itemsOf(db(), w.d.id)).length };
    const source = await createItem(db(), w.owner, { workflowId: w.a.id, title: "Fix the login page" });

    const outcomes = await onTriggerEvent(db(), entered(source));

    expect(outcomes.find((o) => o.triggerId === inB.id)).toMatchObject({ status: "created" });
    expect(outcomes.find((o) => o.triggerId === spy!.id)).toMatchObject({ status: "denied" });
    const created = (await itemsOf(db(), w.b.id)).at(-1)!;
    expect(created).toMatchObject({ title: "item.entered_stage in Source A", stageId: w.b.stages[0]!.id, createdById: null });
    expect(created.data).toEqual({
      trigger: { id: inB.id, name: "Listener", kind: "event", event: "item.entered_stage", depth: 1 },
      event: expect.objectContaining({ type: "item.entered_stage", workflowId: w.a.id, workflowName: "Source A", workItemId: source.id, itemTitle: "Fix the login page", stageName: "Inbox" }),
    });
    expect((await itemsOf(db(), w.c.id)).length).toBe(before.c);
    expect((await itemsOf(db(), w.d.id)).length).toBe(before.d);

    const [fired] = await auditOf(db(), inB.id, "trigger.fire");
    expect(fired).toMatchObject({ actorId: null, outcome: "success" });
    expect(fired!.details).toMatchObject({ triggerId: inB.id, kind: "event", event: "item.entered_stage", itemId: created.id, sourceItemId: source.id });
    const [denied] = await auditOf(db(), spy!.id, "trigger.fire");
    expect(denied).toMatchObject({ outcome: "denied", actorId: null });
    expect(denied!.details.reason).toContain("can no longer read the source workflow");
    const [stamped] = await db().select().from(triggers).where(eq(triggers.id, inB.id));
    expect(stamped!.lastFiredAt).toBeInstanceOf(Date);
  });

  it("renders the title template, honours the stage filter and the target stage", async () => {
    const review = w.a.stages[1]!;
    const t = await listen(w.b.id, w.a.id, { stageId: review.id, targetStageId: w.b.stages[1]!.id, title: "Review: {{event.itemTitle}} ({{ event.stageName }}){{event.missing}}" });
    const source = await createItem(db(), w.owner, { workflowId: w.a.id, title: "Copy edits" });
    expect(await onTriggerEvent(db(), entered(source))).toEqual([]);
    const moved = await moveItem(db(), w.owner, { id: source.id, toStageId: review.id });
    const [outcome] = await onTriggerEvent(db(), entered(moved.item, source.stageId));
    expect(outcome).toMatchObject({ triggerId: t.id, status: "created" });
    const created = (await itemsOf(db(), w.b.id)).at(-1)!;
    expect(created).toMatchObject({ title: "Review: Copy edits (Review)", stageId: w.b.stages[1]!.id });
  });

  it("a redelivered event creates one item; a disabled trigger none", async () => {
    const t = await listen(w.b.id, w.a.id);
    await createTrigger(db(), w.owner, { workflowId: w.c.id, kind: "event", name: "Off", enabled: false, config: { event: "item.entered_stage", sourceWorkflowId: w.a.id } });
    const countC = (await itemsOf(db(), w.c.id)).length;
    const source = await createItem(db(), w.owner, { workflowId: w.a.id, title: "Once" });
    const first = await onTriggerEvent(db(), entered(source));
    const again = await onTriggerEvent(db(), entered(source));
    expect(first).toEqual([{ triggerId: t.id, status: "created", itemId: expect.any(String) }]);
    expect(again).toEqual([{ triggerId: t.id, status: "duplicate", itemId: first[0]!.status === "created" ? first[0]!.itemId : null }]);
    expect((await itemsOf(db(), w.b.id)).filter((i) => (i.data as { event?: { workItemId?: string } }).event?.workItemId === source.id)).toHaveLength(1);
    expect((await itemsOf(db(), w.c.id)).length).toBe(countC);
    expect(await auditOf(db(), t.id, "trigger.fire")).toHaveLength(1);
  });

  it("fires on run.completed and run.failed, once per run", async () => {
    const done = await listen(w.b.id, w.a.id, { event: "run.completed", title: "Run {{event.runId}} done" });
    const failed = await listen(w.c.id, w.a.id, { event: "run.failed", title: "Failed: {{event.error}}" });
    const runId = "0b5f3d7e-6c1a-4f0e-9a52-6f1f3f1b2c3d";
    const base = { workflowId: w.a.id, workItemId: null, stageId: w.a.stages[1]!.id, runId, error: null };
    expect(await onTriggerEvent(db(), { type: "run.completed", ...base })).toMatchObject([{ triggerId: done.id, status: "created" }]);
    expect(await onTriggerEvent(db(), { type: "run.completed", ...base })).toMatchObject([{ triggerId: done.id, status: "duplicate" }]);
    expect(await onTriggerEvent(db(), { type: "run.failed", ...base, error: "boom" })).toMatchObject([{ triggerId: failed.id, status: "created" }]);
    expect((await itemsOf(db(), w.b.id)).at(-1)!.title).toBe(`Run ${runId} done`);
    expect((await itemsOf(db(), w.c.id)).at(-1)!.title).toBe("Failed: boom");
    expect(await onTriggerEvent(db(), { type: "run.cancelled", ...base })).toEqual([]);
  });

  it("skips, and says why, when the trigger's creator can no longer read the source workflow", async () => {
    const mia = await createUser(db(), { name: "Mia Member" });
    await addMember(db(), w.teamA.id, mia.id, "member");
    const { trigger } = await createTrigger(db(), await actorFor(db(), mia.id), {
      workflowId: w.b.id,
      kind: "event",
      name: "Mia's",
      config: { event: "item.entered_stage", sourceWorkflowId: w.a.id },
    });
    await db().delete(teamMembers).where(and(eq(teamMembers.userId, mia.id), eq(teamMembers.teamId, w.teamA.id)));
    const countB = (await itemsOf(db(), w.b.id)).length;
    const source = await createItem(db(), w.owner, { workflowId: w.a.id, title: "After Mia left" });
    expect(await onTriggerEvent(db(), entered(source))).toMatchObject([{ triggerId: trigger.id, status: "denied" }]);
    expect((await itemsOf(db(), w.b.id)).length).toBe(countB);
    const [audit] = await auditOf(db(), trigger.id, "trigger.fire");
    expect(audit).toMatchObject({ outcome: "denied", actorId: null });
    expect(audit!.details).toMatchObject({ itemId: null, reason: "The person who set up this trigger can no longer read the source workflow." });
  });

  it("stops a loop of triggers at a chain depth of 3 and says so in the audit row", async () => {
    const aToB = await listen(w.b.id, w.a.id, {}, "A→B");
    const bToA = await listen(w.a.id, w.b.id, {}, "B→A");
    const start = await createItem(db(), w.owner, { workflowId: w.a.id, title: "Ping" });
    // Deliver each event the way the engine would, following every item the triggers create.
    const queue: EngineEvent[] = [entered(start)];
    const created: { depth: number; workflowId: string }[] = [];
    const stops: string[] = [];
    for (let guard = 0; queue.length && guard < 20; guard++) {
      for (const o of await onTriggerEvent(db(), queue.shift()!)) {
        if (o.status === "created") {
          const [item] = (await itemsOf(db(), o.triggerId === aToB.id ? w.b.id : w.a.id)).filter((i) => i.id === o.itemId);
          created.push({ depth: (item!.data as { trigger: { depth: number } }).trigger.depth, workflowId: item!.workflowId });
          const [t] = await db().select().from(workItemTransitions).where(eq(workItemTransitions.workItemId, item!.id));
          queue.push(entered({ id: item!.id, workflowId: item!.workflowId, stageId: t!.toStageId }));
        } else if (o.status === "stopped") stops.push(o.triggerId);
      }
    }
    expect(created).toEqual([
      { depth: 1, workflowId: w.b.id },
      { depth: 2, workflowId: w.a.id },
      { depth: 3, workflowId: w.b.id },
    ]);
    expect(stops).toEqual([bToA.id]);
    const [stop] = await auditOf(db(), bToA.id, "trigger.fire");
    expect(stop).toMatchObject({ outcome: "failure", actorId: null });
    expect(stop!.details).toMatchObject({ stopped: "loop", itemId: null });
    expect(stop!.details.reason).toContain("chain of 3 triggers");
  });
});
