import { z } from "zod";
import { TRIGGER_KINDS, updateTriggerInput } from "./schemas";

/** The JSON shapes of the trigger routes, as zod schemas the OpenAPI document is generated from. */

export const updateTriggerBody = updateTriggerInput.omit({ id: true });

export const triggerResponse = z.object({
  id: z.string().uuid(),
  workflowId: z.string().uuid(),
  kind: z.enum(TRIGGER_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()).describe("Kind-specific: `{event, sourceWorkflowId, stageId?}`, `{cron, timezone}` or `{}`; plus `{targetStageId?, title?}`."),
  summary: z.string().describe("One line saying what fires it."),
  createdByName: z.string().nullable(),
  createdAt: z.string().describe("ISO 8601."),
  lastFiredAt: z.string().nullable().describe("ISO 8601; null until it first fires."),
  webhookPath: z.string().nullable().describe("Webhooks: the path to POST deliveries to; null for other kinds."),
});

export const triggerListResponse = z.object({ triggers: z.array(triggerResponse) });

export const triggerWithSecretResponse = z.object({
  trigger: triggerResponse,
  secret: z
    .string()
    .nullable()
    .describe("Webhooks: the signing secret (64 hex digits), shown only in this answer; null for other kinds."),
});

export const triggerUpdatedResponse = z.object({ trigger: triggerResponse });

export const triggerDeletedResponse = z.object({ id: z.string().uuid(), deleted: z.literal(true) });
