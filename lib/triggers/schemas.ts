import { z } from "zod";
import { cronProblem, isTimeZone } from "./cron";

/** Trigger vocabulary and input schemas; free of the database so forms can share them. */

export const TRIGGER_KINDS = ["event", "cron", "webhook"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** Events an event trigger can listen to. `agent.apply.*` are emitted by the agents (a later change); accepted now. */
export const TRIGGER_EVENTS = ["item.entered_stage", "run.completed", "run.failed", "agent.apply.success", "agent.apply.failure"] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export const EVENT_LABELS: Record<TriggerEvent, string> = {
  "item.entered_stage": "An item enters a stage",
  "run.completed": "A run completes",
  "run.failed": "A run fails",
  "agent.apply.success": "An agent applies a change",
  "agent.apply.failure": "An agent fails to apply a change",
};

/** How many triggers in a row may create items from each other's items before the chain stops. */
export const MAX_CHAIN_DEPTH = 3;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalId = (message: string) => z.preprocess(blankToUndefined, z.string().uuid(message).optional());

const common = {
  targetStageId: optionalId("Choose a stage of this workflow, or leave it empty for the first stage.").describe(
    "The stage new items go to; the first stage when omitted.",
  ),
  title: z
    .preprocess(blankToUndefined, z.string().trim().max(200, "Keep the title template under 200 characters.").optional())
    .describe("The new item's title; may use {{event.…}}, {{payload.…}} and {{trigger.name}}."),
};

export const eventConfig = z
  .object({
    event: z.enum(TRIGGER_EVENTS, { error: `Choose an event: ${TRIGGER_EVENTS.join(", ")}.` }),
    sourceWorkflowId: z.string({ error: "Choose the workflow to listen to." }).uuid("Choose the workflow to listen to."),
    stageId: optionalId("Choose a stage of the source workflow, or leave it empty for any stage.").describe(
      "Only events in this stage of the source workflow; any stage when omitted.",
    ),
    ...common,
  })
  .strict();

export const cronConfig = z
  .object({
    cron: z.string({ error: "Write a cron expression, such as “*/15 * * * *”." }).superRefine((value, ctx) => {
      const problem = cronProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }).transform((v) => v.trim().replace(/\s+/g, " ")),
    timezone: z
      .preprocess(blankToUndefined, z.string().trim().optional().default("UTC"))
      .refine(isTimeZone, "That is not a time zone: use an IANA name such as “UTC” or “Europe/Paris”."),
    ...common,
  })
  .strict();

export const webhookConfig = z.object(common).strict();

export type EventConfig = z.infer<typeof eventConfig>;
export type CronConfig = z.infer<typeof cronConfig>;
export type WebhookConfig = z.infer<typeof webhookConfig>;
export type TriggerConfig = EventConfig | CronConfig | WebhookConfig;

/** The config schema of a kind. */
export const configSchemas = { event: eventConfig, cron: cronConfig, webhook: webhookConfig } as const;

const name = z
  .string({ error: "Name the trigger, e.g. “Nightly import”." })
  .trim()
  .min(1, "Name the trigger, e.g. “Nightly import”.")
  .max(100, "Keep the name under 100 characters.");
const enabled = z.boolean().optional().default(true);
const workflowId = z.string().uuid();

const kindError = { error: "Choose a kind of trigger: “event”, “cron” or “webhook”." };
const eventBody = z.object({ kind: z.literal("event"), name, enabled, config: eventConfig }).strict();
const cronBody = z.object({ kind: z.literal("cron"), name, enabled, config: cronConfig }).strict();
const webhookBody = z.object({ kind: z.literal("webhook"), name, enabled, config: webhookConfig.optional().default({}) }).strict();

/** The REST body of a new trigger (the workflow is in the path). */
export const createTriggerBody = z.discriminatedUnion("kind", [eventBody, cronBody, webhookBody], kindError);

export const createTriggerInput = z.discriminatedUnion(
  "kind",
  [eventBody.extend({ workflowId }), cronBody.extend({ workflowId }), webhookBody.extend({ workflowId })],
  kindError,
);
export type CreateTriggerInput = z.input<typeof createTriggerInput>;

export const updateTriggerInput = z
  .object({
    id: z.string(),
    name: name.optional(),
    enabled: z.boolean().optional(),
    /** Replaces the whole config; checked against the trigger's kind, which cannot change. */
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type UpdateTriggerInput = z.input<typeof updateTriggerInput>;

export const triggerIdInput = z.object({ id: z.string() });
export const listTriggersInput = z.object({ workflowId: z.string() });

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const text = z.preprocess((v) => (typeof v === "string" ? v : undefined), z.string().optional());

/** The add-trigger form: flat fields, nested into `createTriggerInput`'s shape (fields of other kinds are dropped). */
export const createTriggerForm = z
  .object({
    workflowId: z.string(),
    kind: z.string(),
    name: z.string().optional().default(""),
    event: text,
    sourceWorkflowId: text,
    stageId: text,
    cron: text,
    timezone: text,
    targetStageId: text,
    title: text,
  })
  .transform(({ workflowId: wf, kind, name: n, event, sourceWorkflowId, stageId, cron, timezone, targetStageId, title }) => {
    const base = { targetStageId, title };
    const config =
      kind === "event" ? { event, sourceWorkflowId, stageId, ...base } : kind === "cron" ? { cron, timezone, ...base } : base;
    return { workflowId: wf, kind, name: n, config };
  });

/** The toggle and rename forms. */
export const updateTriggerForm = z.object({ id: z.string(), enabled: checkbox.optional(), name: z.string().optional() });

/** A trigger as pages and the API show it: never its secret, which leaves the server only when made. */
export type TriggerView = {
  id: string;
  workflowId: string;
  kind: TriggerKind;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  /** One line saying what fires it. */
  summary: string;
  createdByName: string | null;
  createdAt: string;
  lastFiredAt: string | null;
  /** Webhooks: where to POST (a path on this server). */
  webhookPath: string | null;
};
