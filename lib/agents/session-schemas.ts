import { z } from "zod";
import { planSchema } from "./types";

/** Input schemas for agent sessions; free of the database so forms can share them. */

export const SESSION_STATUSES = ["open", "closed"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const MESSAGE_ROLES = ["user", "agent"] as const;
export const MESSAGE_VERBS = ["route", "context", "plan", "apply"] as const;

/** The most a single message may hold; plans and answers are far smaller, this only stops runaway text. */
export const MAX_MESSAGE_CHARS = 100_000;
export const MAX_TITLE_CHARS = 200;

const blankToNull = (v: unknown) => (v === "" ? null : v);
const workItemId = z.preprocess(blankToNull, z.string().uuid("Choose a work item, or none.").nullable());
const title = z.string().trim().max(MAX_TITLE_CHARS, `Keep the title under ${MAX_TITLE_CHARS} characters.`);

export const createSessionInput = z.object({
  repo: z.string({ error: "Give the repository to work in." }).trim().min(1, "Give the repository to work in.").max(4096),
  workItemId: workItemId.optional(),
  /** Empty or omitted: the repository's folder name, and the item's title when one is attached. */
  title: title.optional(),
});
export type CreateSessionInput = z.input<typeof createSessionInput>;

export const listSessionsInput = z
  .object({
    status: z.enum(["open", "closed", "all"], { error: "Show “open”, “closed” or “all” sessions." }).optional().default("all"),
    limit: z.coerce.number().int().min(1).max(200).optional().default(100),
  })
  .optional()
  .default({ status: "all", limit: 100 });
export type ListSessionsInput = z.input<typeof listSessionsInput>;

export const updateSessionInput = z
  .object({
    title: title.min(1, "Give the session a title.").optional(),
    /** null detaches the item. */
    workItemId: workItemId.optional(),
    /** A plan someone edited by hand must be a valid plan; null clears it. */
    currentPlan: planSchema.nullable().optional(),
    status: z.enum(SESSION_STATUSES, { error: "A session is “open” or “closed”." }).optional(),
  })
  .strict();
export type UpdateSessionInput = z.input<typeof updateSessionInput>;

export const sessionMessageInput = z.object({
  role: z.enum(MESSAGE_ROLES, { error: "A message is from the “user” or the “agent”." }),
  verb: z.enum(MESSAGE_VERBS, { error: `A message's verb is one of ${MESSAGE_VERBS.join(", ")}.` }),
  content: z.string().max(MAX_MESSAGE_CHARS, `Keep a message under ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters.`),
});

export const touchSessionInput = z.object({
  /** Whatever the orchestrator keeps as the session's current plan; omitted leaves it as it is. */
  plan: z.unknown().optional(),
  messages: z.array(sessionMessageInput).max(50).optional().default([]),
});
export type TouchSessionInput = z.input<typeof touchSessionInput>;
