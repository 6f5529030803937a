import { z } from "zod";
import { PRIORITIES, createItemInput, moveItemInput, updateItemInput } from "@/lib/work-items/schemas";

/*
 * REST shapes. Request bodies are the domain's input schemas minus the ids the path carries, made
 * strict so a misspelt field is refused instead of silently ignored. Response shapes document what
 * the handlers return; the handler tests parse real responses with them, so they cannot drift.
 */

export const createItemBody = createItemInput.omit({ workflowId: true }).strict();
export const updateItemBody = updateItemInput.omit({ id: true }).strict();
export const moveItemBody = moveItemInput.omit({ id: true }).strict();
export const archiveItemBody = z
  .object({ archived: z.boolean().optional().default(true).describe("true archives the item (the default), false restores it.") })
  .strict();

const flag = z.enum(["true", "false", "1", "0"], { error: 'Use "true" or "false".' }).transform((v) => v === "true" || v === "1");

export const listItemsQuery = z.object({
  q: z.string().trim().max(200, "Keep the search under 200 characters.").optional().describe("Text to find in titles and descriptions."),
  assignee: z
    .union([z.literal("me"), z.literal("none"), z.string().uuid()], { error: 'Use "me", "none" or a user id.' })
    .optional()
    .describe('"me", "none" (unassigned) or a user id.'),
  priority: z.enum(PRIORITIES).optional(),
  stageId: z.string().uuid("That is not a stage id.").optional().describe("Only items in this stage."),
  includeArchived: flag.optional().default(false).describe("Include archived items."),
  limit: z.coerce.number().int().min(1, "Ask for at least 1 item.").max(500, "Ask for at most 500 items.").optional().default(100),
  offset: z.coerce.number().int().min(0, "The offset cannot be negative.").optional().default(0),
});

const id = z.string().uuid();
const at = z.iso.datetime();
const priority = z.enum(PRIORITIES);

export const itemResponse = z.object({
  id,
  workflowId: id,
  stageId: id,
  title: z.string(),
  description: z.string(),
  data: z.record(z.string(), z.unknown()),
  assigneeId: id.nullable(),
  priority,
  position: z.number().describe("Order inside the stage's column, ascending."),
  version: z.number().int().describe("Send it back with a change to refuse overwriting someone else's newer change (409)."),
  definitionVersion: z.number().int().describe("The workflow definition version the item started with; its runs use that version's task graphs."),
  createdById: id.nullable(),
  createdAt: at,
  updatedAt: at,
  completedAt: at.nullable(),
  archivedAt: at.nullable(),
});

export const itemSummaryResponse = z.object({
  id,
  stageId: id,
  title: z.string(),
  description: z.string(),
  data: z.record(z.string(), z.unknown()),
  priority,
  assigneeId: id.nullable(),
  assigneeName: z.string().nullable(),
  position: z.number(),
  version: z.number().int(),
  createdAt: at,
  updatedAt: at,
  completedAt: at.nullable(),
  archivedAt: at.nullable(),
  enteredStageAt: at.describe("When the item entered its current stage."),
});

export const itemListResponse = z.object({ items: z.array(itemSummaryResponse) });

export const transitionResponse = z.object({
  id: z.number().int(),
  workItemId: id,
  fromStageId: id.nullable(),
  toStageId: id,
  actorId: id.nullable(),
  at,
  reason: z.string().nullable(),
});

export const moveResponse = z.object({
  item: itemResponse,
  transition: transitionResponse.nullable().describe("Null when the item only changed place within its stage."),
});

const stageResponse = z.object({ id, name: z.string(), type: z.string(), wipLimit: z.number().int().nullable() });

export const itemDetailResponse = z.object({
  item: itemResponse.extend({ createdByName: z.string().nullable() }),
  workflow: z.object({ id, name: z.string() }),
  stage: stageResponse,
  stages: z.array(stageResponse),
  history: z.array(
    z.object({
      id: z.number().int(),
      fromStageId: id.nullable(),
      fromStageName: z.string().nullable(),
      toStageId: id,
      toStageName: z.string(),
      actorName: z.string().nullable(),
      at,
      reason: z.string().nullable(),
      durationMs: z.number().describe("Time spent in the stage after this transition (until now for the current one)."),
      current: z.boolean(),
    }),
  ),
  comments: z.array(z.object({ id, body: z.string(), createdAt: at, authorName: z.string().nullable() })),
  assignees: z.array(z.object({ id, name: z.string(), email: z.string() })).describe("People an item of this workflow can be assigned to."),
});

export const meResponse = z.object({
  id,
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  teams: z.array(z.object({ id, name: z.string(), role: z.enum(["admin", "member", "viewer"]) })),
});

export const errorBody = z.object({
  error: z.object({
    code: z.enum(["unauthorized", "forbidden", "not_found", "invalid", "conflict", "rate_limited", "internal"]),
    message: z.string().describe("What was wrong, in words meant for people."),
    fields: z.record(z.string(), z.array(z.string())).optional().describe('Messages per input field; "_" for the body as a whole.'),
  }),
});
