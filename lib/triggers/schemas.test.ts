import { describe, expect, it } from "vitest";
import { createTriggerForm, createTriggerInput } from "./schemas";

const workflowId = "3f2c1b0a-9d8e-4f7a-8b6c-5d4e3f2a1b0c";
const sourceWorkflowId = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

describe("trigger input schemas", () => {
  it("nests the add-trigger form's flat fields for the chosen kind and drops the others", () => {
    const form = { workflowId, kind: "event", name: "Mirror", event: "run.failed", sourceWorkflowId, stageId: "", cron: "* * * * *", timezone: "UTC", targetStageId: "", title: "" };
    const nested = createTriggerForm.parse(form);
    expect(createTriggerInput.parse(nested)).toEqual({ workflowId, kind: "event", name: "Mirror", enabled: true, config: { event: "run.failed", sourceWorkflowId } });
    const cron = createTriggerInput.parse(createTriggerForm.parse({ ...form, kind: "cron", timezone: "" }));
    expect(cron.config).toEqual({ cron: "* * * * *", timezone: "UTC" });
    const webhook = createTriggerInput.parse(createTriggerForm.parse({ ...form, kind: "webhook", title: "CI {{payload.run}}" }));
    expect(webhook.config).toEqual({ title: "CI {{payload.run}}" });
  });

  it("refuses unknown kinds, unknown config fields and events, with messages that say how to fix them", () => {
    const kind = createTriggerInput.safeParse({ workflowId, kind: "email", name: "x" });
    expect(kind.error?.issues[0]?.message).toBe("Choose a kind of trigger: “event”, “cron” or “webhook”.");
    expect(createTriggerInput.safeParse({ workflowId, kind: "webhook", name: "x", config: { cron: "* * * * *" } }).success).toBe(false);
    const event = createTriggerInput.safeParse({ workflowId, kind: "event", name: "x", config: { event: "item.deleted", sourceWorkflowId } });
    expect(event.error?.issues[0]?.message).toContain("Choose an event: item.entered_stage, run.completed, run.failed");
    expect(createTriggerInput.safeParse({ workflowId, kind: "event", name: "x", config: { event: "agent.apply.failure", sourceWorkflowId } }).success).toBe(true);
  });
});
