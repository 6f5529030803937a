import { z } from "zod";
import type { Priority } from "@/db/schema/work-items";

/** The priority enum's values, spelled out so browser code need not load the database schema. */
export const PRIORITIES = ["urgent", "high", "medium", "low", "none"] as const satisfies readonly Priority[];
type MissingPriority = Exclude<Priority, (typeof PRIORITIES)[number]>;
const _allPriorities: MissingPriority extends never ? true : never = true;
void _allPriorities;
export const itemId = z.string().uuid("That is not an item id.");
const uuidOrNull = z.string().uuid().nullable();

const title = z.string().trim().min(1, "Give the item a title.").max(200, "Keep the title under 200 characters.");
const description = z.string().max(20_000, "Keep the description under 20,000 characters.");
const MAX_DATA_BYTES = 64 * 1024;

/** Item data: a JSON object, given as an object or as JSON text (from a form's textarea). */
export const itemData = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .transform((value, ctx) => {
    let parsed: unknown = value;
    if (typeof value === "string") {
      if (value.trim() === "") return {};
      try {
        parsed = JSON.parse(value);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: `Data is not valid JSON: ${(err as Error).message}` });
        return z.NEVER;
      }
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      ctx.addIssue({ code: "custom", message: 'Data must be a JSON object, like {"ref": "ABC-1"}.' });
      return z.NEVER;
    }
    if (JSON.stringify(parsed).length > MAX_DATA_BYTES) {
      ctx.addIssue({ code: "custom", message: "Data must be under 64 KB." });
      return z.NEVER;
    }
    return parsed as Record<string, unknown>;
  });

/** Empty form values mean "none". */
const optionalUuid = z.preprocess((v) => (v === "" ? null : v), uuidOrNull.optional());

export const createItemInput = z.object({
  workflowId: z.string().uuid(),
  stageId: optionalUuid.describe("The stage to create the item in; the first stage when omitted."),
  title,
  description: description.optional().default(""),
  data: itemData.optional().default({}),
  assigneeId: optionalUuid,
  priority: z.enum(PRIORITIES).optional().default("none"),
});
export type CreateItemInput = z.input<typeof createItemInput>;

export const updateItemInput = z.object({
  id: itemId,
  /** The version the edit was based on; a newer stored version makes it a conflict. */
  version: z.coerce.number().int().positive().optional(),
  title: title.optional(),
  description: description.optional(),
  data: itemData.optional(),
  assigneeId: optionalUuid,
  priority: z.enum(PRIORITIES).optional(),
});
export type UpdateItemInput = z.input<typeof updateItemInput>;

export const moveItemInput = z.object({
  id: itemId,
  toStageId: z.string().uuid("Choose a stage to move to."),
  /** Place right after this item of the target stage; null for the top; omitted for the bottom. */
  afterId: uuidOrNull.optional(),
  version: z.coerce.number().int().positive().optional(),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
});
export type MoveItemInput = z.input<typeof moveItemInput>;

// Not z.coerce.boolean(): it reads the string "false" (a form's or query's value) as true.
const flag = z.union([z.boolean(), z.stringbool()], { error: "Use true or false." });
export const archiveItemInput = z.object({ id: itemId, archived: flag.optional().default(true) });

export const addCommentInput = z.object({
  itemId,
  body: z.string().trim().min(1, "Write something first.").max(10_000, "Keep comments under 10,000 characters."),
});

/** Board filters, read from the URL: unknown values are dropped rather than refused. */
export const boardFilter = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  assignee: z.union([z.literal("me"), z.literal("none"), z.string().uuid()]).optional().catch(undefined),
  priority: z.enum(PRIORITIES).optional().catch(undefined),
});
export type BoardFilter = z.infer<typeof boardFilter>;

export type { Priority } from "@/db/schema/work-items";
