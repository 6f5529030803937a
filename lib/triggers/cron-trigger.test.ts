import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { triggers } from "@/db/schema";
import { dispatchEvent } from "@/lib/automation/dispatch";
import { QUEUES } from "@/lib/engine/runtime/queue";
import { describeEngine } from "@/lib/engine/runtime/testing";
import { createItem } from "@/lib/work-items/service";
import { onCron } from "./cron-trigger";
import { onTriggerEvent } from "./events";
import { reconcileSchedules } from "./schedule";
import { createTrigger, deleteTrigger, updateTrigger } from "./service";
import { auditOf, createTriggerWorld, itemsOf } from "./testing";

// Once a year, so the scheduler never sends a job of its own while these tests run.
const YEARLY = "0 0 1 1 *";

describeEngine(
  "triggers: cron and the running engine",
  (h) => {
    let w: Awaited<ReturnType<typeof createTriggerWorld>>;
    beforeAll(async () => {
      w = await createTriggerWorld(h.db());
    });
    const schedules = async () => (await h.engine().boss.getSchedules(QUEUES.cron)).map((s) => ({ key: s.key, cron: s.cron, timezone: s.timezone, data: s.data }));

    it("onCron fires the trigger once per tick: an item, an audit row, last_fired_at", async () => {
      const { trigger } = await createTrigger(h.db(), w.owner, { workflowId: w.c.id, kind: "cron", name: "New year", config: { cron: YEARLY, timezone: "Europe/Paris" } });
      const before = (await itemsOf(h.db(), w.c.id)).length;
      const first = await onCron(h.db(), trigger.id);
      expect(first).toMatchObject({ status: "created" });
      const items = await itemsOf(h.db(), w.c.id);
      expect(items).toHaveLength(before + 1);
      const item = items.at(-1)!;
      expect(item.title).toMatch(/^New year — \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
      expect(item.data).toMatchObject({ trigger: { id: trigger.id, kind: "cron", cron: YEARLY, timezone: "Europe/Paris", depth: 1 } });
      const [audit] = await auditOf(h.db(), trigger.id, "trigger.fire");
      expect(audit).toMatchObject({ actorId: null, outcome: "success" });
      expect(audit!.details).toMatchObject({ kind: "cron", cron: YEARLY, itemId: item.id, tick: (item.data as { trigger: { tick: string } }).trigger.tick });
      const [row] = await h.db().select().from(triggers).where(eq(triggers.id, trigger.id));
      expect(row!.lastFiredAt).toBeInstanceOf(Date);
      // The same tick delivered again (a retried job) changes nothing.
      expect(await onCron(h.db(), trigger.id)).toEqual({ status: "duplicate", itemId: null });
      expect(await itemsOf(h.db(), w.c.id)).toHaveLength(before + 1);
      await updateTrigger(h.db(), w.owner, { id: trigger.id, enabled: false });
      expect(await onCron(h.db(), trigger.id)).toBeNull();
    });

    it("creating, changing, disabling and deleting a cron trigger reaches pg-boss's schedules", async () => {
      const { trigger } = await createTrigger(h.db(), w.owner, { workflowId: w.b.id, kind: "cron", name: "Yearly", config: { cron: YEARLY } });
      expect(await schedules()).toContainEqual({ key: trigger.id, cron: YEARLY, timezone: "UTC", data: { triggerId: trigger.id } });
      expect((await auditOf(h.db(), trigger.id, "trigger.create"))[0]!.details).toMatchObject({ schedule: "scheduled" });
      await updateTrigger(h.db(), w.owner, { id: trigger.id, config: { cron: "0 6 1 1 *", timezone: "Asia/Tokyo" } });
      expect(await schedules()).toContainEqual({ key: trigger.id, cron: "0 6 1 1 *", timezone: "Asia/Tokyo", data: { triggerId: trigger.id } });
      await updateTrigger(h.db(), w.owner, { id: trigger.id, enabled: false });
      expect((await schedules()).map((s) => s.key)).not.toContain(trigger.id);
      await updateTrigger(h.db(), w.owner, { id: trigger.id, enabled: true });
      expect((await schedules()).map((s) => s.key)).toContain(trigger.id);
      await deleteTrigger(h.db(), w.owner, { id: trigger.id });
      expect((await schedules()).map((s) => s.key)).not.toContain(trigger.id);
    });

    it("a refused change leaves the schedule as it was", async () => {
      const { trigger } = await createTrigger(h.db(), w.owner, { workflowId: w.b.id, kind: "cron", name: "Kept", config: { cron: YEARLY } });
      await expect(updateTrigger(h.db(), w.owner, { id: trigger.id, config: { cron: YEARLY, targetStageId: w.a.stages[0]!.id } })).rejects.toMatchObject({ code: "invalid" });
      expect(await schedules()).toContainEqual(expect.objectContaining({ key: trigger.id, cron: YEARLY }));
    });

    it("reconcileSchedules adds missing schedules and drops stale ones; a stale job unschedules itself", async () => {
      const [missing] = await h
        .db()
        .insert(triggers)
        .values({ workflowId: w.b.id, kind: "cron", name: "Made while no queue ran", config: { cron: YEARLY, timezone: "UTC" }, createdById: w.owner.userId })
        .returning();
      const stale = "0d6f1c2b-3a4e-4f5a-8b6c-7d8e9f0a1b2c";
      await h.engine().boss.schedule(QUEUES.cron, YEARLY, { triggerId: stale }, { key: stale });
      const result = await reconcileSchedules(h.db(), h.engine().boss);
      expect(result.scheduled).toBeGreaterThanOrEqual(1);
      const keys = (await schedules()).map((s) => s.key);
      expect(keys).toContain(missing!.id);
      expect(keys).not.toContain(stale);
      expect(await reconcileSchedules(h.db(), h.engine().boss)).toEqual({ scheduled: 0, unscheduled: 0 });

      await h.engine().boss.schedule(QUEUES.cron, YEARLY, { triggerId: stale }, { key: stale });
      expect(await onCron(h.db(), stale)).toBeNull();
      expect((await schedules()).map((s) => s.key)).not.toContain(stale);
    });

    it("through the engine: an item created in A makes the listening trigger create one in B", async () => {
      const { trigger } = await createTrigger(h.db(), w.owner, {
        workflowId: w.b.id,
        kind: "event",
        name: "Mirror A",
        config: { event: "item.entered_stage", sourceWorkflowId: w.a.id, title: "Mirror of {{event.itemTitle}}" },
      });
      await createItem(h.db(), w.owner, { workflowId: w.a.id, title: "Engine-borne" });
      const until = Date.now() + 20_000;
      let mirrored = undefined;
      while (!mirrored && Date.now() < until) {
        mirrored = (await itemsOf(h.db(), w.b.id)).find((i) => i.title === "Mirror of Engine-borne");
        if (!mirrored) await new Promise((r) => setTimeout(r, 50));
      }
      expect(mirrored).toMatchObject({ data: { trigger: { id: trigger.id, depth: 1 } } });
      expect((await itemsOf(h.db(), w.c.id)).some((i) => i.title === "Mirror of Engine-borne")).toBe(false);
    });
  },
  {
    engine: {
      onEvent: (db, e) => dispatchEvent(db, e, async (d, ev) => void (await onTriggerEvent(d, ev))),
      onCron: async (db, id) => void (await onCron(db, id)),
    },
  },
);
