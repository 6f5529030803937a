import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { triggers } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { decryptSecret } from "@/lib/secrets/crypto";
import { triggerViews } from "./queries";
import { createTrigger, deleteTrigger, listTriggers, rotateTriggerSecret, updateTrigger } from "./service";
import { auditOf, createTriggerWorld } from "./testing";

describeDb("triggers: managing", (db) => {
  let w: Awaited<ReturnType<typeof createTriggerWorld>>;
  beforeAll(async () => {
    w = await createTriggerWorld(db());
  });
  const event = (over: Record<string, unknown> = {}) => ({
    workflowId: w.b.id,
    kind: "event",
    name: "When A gets an item",
    config: { event: "item.entered_stage", sourceWorkflowId: w.a.id, ...over },
  });

  describe("creating each kind", () => {
    it("creates an event trigger listening to a workflow the creator can read, audited", async () => {
      const { trigger, secret } = await createTrigger(db(), w.owner, event({ stageId: w.a.stages[1]!.id, title: "{{event.itemTitle}}" }));
      expect(secret).toBeNull();
      expect(trigger).toMatchObject({ kind: "event", enabled: true, createdById: w.owner.userId, secretCiphertext: null });
      expect(trigger.config).toEqual({ event: "item.entered_stage", sourceWorkflowId: w.a.id, stageId: w.a.stages[1]!.id, title: "{{event.itemTitle}}" });
      const [audit] = await auditOf(db(), trigger.id, "trigger.create");
      expect(audit).toMatchObject({ actorId: w.owner.userId, outcome: "success" });
      expect(audit!.details).toMatchObject({ workflowId: w.b.id, kind: "event", name: "When A gets an item" });
    });

    it("creates a cron trigger (UTC by default) and records that no queue runs here to schedule it", async () => {
      const { trigger } = await createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "cron", name: "Every quarter hour", config: { cron: " */15  * * * * " } });
      expect(trigger.config).toEqual({ cron: "*/15 * * * *", timezone: "UTC" });
      const [audit] = await auditOf(db(), trigger.id, "trigger.create");
      expect(audit!.details).toMatchObject({ schedule: "deferred" });
    });

    it("creates a webhook trigger whose secret is returned once and stored only encrypted", async () => {
      const { trigger, secret } = await createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "webhook", name: "CI" });
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(trigger.secretCiphertext).not.toContain(secret!);
      expect(decryptSecret(trigger.secretCiphertext!)).toBe(secret);
      const [view] = await triggerViews(db(), w.owner, [trigger]);
      expect(JSON.stringify(view)).not.toContain(secret!);
      expect(view!.webhookPath).toBe(`/api/webhooks/${trigger.id}`);
    });
  });

  describe("validation", () => {
    it("refuses a bad cron expression, saying what is wrong", async () => {
      const bad = createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "cron", name: "Bad", config: { cron: "61 * * * *" } });
      await expect(bad).rejects.toMatchObject({ code: "invalid", fieldErrors: { "config.cron": [expect.stringContaining("got value 61 expected range 0-59")] } });
      const sixFields = createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "cron", name: "Bad", config: { cron: "0 */5 * * * *" } });
      await expect(sixFields).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("five fields") });
      const zone = createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "cron", name: "Bad", config: { cron: "0 9 * * *", timezone: "Mars/Olympus" } });
      await expect(zone).rejects.toMatchObject({ fieldErrors: { "config.timezone": [expect.stringContaining("not a time zone")] } });
    });

    it("answers 404 for a source workflow the creator cannot read, and creates nothing", async () => {
      const before = (await db().select().from(triggers)).length;
      await expect(createTrigger(db(), w.owner, event({ sourceWorkflowId: w.d.id }))).rejects.toMatchObject({
        code: "not_found",
        message: "The source workflow was not found.",
      });
      expect((await db().select().from(triggers)).length).toBe(before);
    });

    it("refuses stages that are not part of the right workflow", async () => {
      await expect(createTrigger(db(), w.owner, event({ stageId: w.b.stages[0]!.id }))).rejects.toMatchObject({ fieldErrors: { "config.stageId": expect.any(Array) } });
      await expect(createTrigger(db(), w.owner, event({ targetStageId: w.a.stages[0]!.id }))).rejects.toMatchObject({
        fieldErrors: { "config.targetStageId": expect.any(Array) },
      });
    });

    it("needs WRITE on the workflow: a viewer is refused (403), another tenant does not see it (404)", async () => {
      await expect(createTrigger(db(), w.viewer, { workflowId: w.b.id, kind: "webhook", name: "No" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(createTrigger(db(), w.outsider, { workflowId: w.b.id, kind: "webhook", name: "No" })).rejects.toMatchObject({ code: "not_found" });
      await expect(createTrigger(db(), w.outsider, { workflowId: w.d.id, kind: "event", name: "Spy", config: { event: "run.completed", sourceWorkflowId: w.a.id } })).rejects.toMatchObject({
        code: "not_found",
      });
    });
  });

  describe("changing", () => {
    it("renames, disables, enables and reconfigures, auditing each change", async () => {
      const { trigger } = await createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "cron", name: "Nightly", config: { cron: "0 2 * * *" } });
      const renamed = await updateTrigger(db(), w.owner, { id: trigger.id, name: "Nightly import", enabled: false });
      expect(renamed).toMatchObject({ name: "Nightly import", enabled: false });
      const reconfigured = await updateTrigger(db(), w.owner, { id: trigger.id, enabled: true, config: { cron: "30 3 * * 1-5", timezone: "Europe/Paris" } });
      expect(reconfigured.config).toEqual({ cron: "30 3 * * 1-5", timezone: "Europe/Paris" });
      const updates = await auditOf(db(), trigger.id, "trigger.update");
      expect(updates.map((a) => a.details.changed)).toEqual([["enabled", "config"], ["name", "enabled"]]);
      await expect(updateTrigger(db(), w.owner, { id: trigger.id, config: { event: "run.completed" } })).rejects.toMatchObject({ code: "invalid" });
      const unchanged = await updateTrigger(db(), w.owner, { id: trigger.id, name: "Nightly import" });
      expect(unchanged.name).toBe("Nightly import");
      expect(await auditOf(db(), trigger.id, "trigger.update")).toHaveLength(2);
    });

    it("lets only writers change or delete, and hides triggers from other tenants", async () => {
      const { trigger } = await createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "webhook", name: "Guarded" });
      await expect(updateTrigger(db(), w.viewer, { id: trigger.id, enabled: false })).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteTrigger(db(), w.viewer, { id: trigger.id })).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateTrigger(db(), w.outsider, { id: trigger.id, enabled: false })).rejects.toMatchObject({ code: "not_found" });
      await expect(rotateTriggerSecret(db(), w.outsider, { id: trigger.id })).rejects.toMatchObject({ code: "not_found" });
      await expect(listTriggers(db(), w.outsider, { workflowId: w.b.id })).rejects.toMatchObject({ code: "not_found" });
      const { triggers: seen } = await listTriggers(db(), w.viewer, { workflowId: w.b.id });
      expect(seen.map((t) => t.id)).toContain(trigger.id);
      await expect(updateTrigger(db(), w.owner, { id: "not-an-id", name: "x" })).rejects.toMatchObject({ code: "not_found" });
    });

    it("rotates a webhook's secret: the new one is shown once and the old one is gone", async () => {
      const first = await createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "webhook", name: "Rotating" });
      const second = await rotateTriggerSecret(db(), w.owner, { id: first.trigger.id });
      expect(second.secret).toMatch(/^[0-9a-f]{64}$/);
      expect(second.secret).not.toBe(first.secret);
      expect(decryptSecret(second.trigger.secretCiphertext!)).toBe(second.secret);
      expect(await auditOf(db(), first.trigger.id, "trigger.rotate_secret")).toHaveLength(1);
      const cron = await createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "cron", name: "No secret", config: { cron: "0 0 * * *" } });
      await expect(rotateTriggerSecret(db(), w.owner, { id: cron.trigger.id })).rejects.toMatchObject({ code: "invalid" });
    });

    it("deletes a trigger, audited", async () => {
      const { trigger } = await createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "webhook", name: "Short-lived" });
      await deleteTrigger(db(), w.owner, { id: trigger.id });
      expect(await db().select().from(triggers).where(eq(triggers.id, trigger.id))).toEqual([]);
      const [audit] = await auditOf(db(), trigger.id, "trigger.delete");
      expect(audit!.details).toMatchObject({ name: "Short-lived", kind: "webhook" });
    });
  });

  it("describes a source workflow by name only to those who can read it", async () => {
    const { trigger } = await createTrigger(db(), w.owner, event());
    const [mine] = await triggerViews(db(), w.owner, [trigger]);
    expect(mine!.summary).toBe("An item enters a stage in “Source A”");
    const [theirs] = await triggerViews(db(), w.outsider, [trigger]);
    expect(theirs!.summary).toBe("An item enters a stage in a workflow you cannot see");
  });
});
