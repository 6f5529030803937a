import { z } from "zod";

/** Inputs of the run services (REST bodies and form actions alike). */

const id = z.string().uuid("Not a valid id.");
const taskKey = z.string().min(1).max(64);
const comment = z.string().trim().max(5_000, "Keep the comment under 5,000 characters.");

export const runRef = z.object({ runId: id });

export const retryRunInput = z.object({ runId: id, taskKey });

export const decideApprovalInput = z.object({
  runId: id,
  /** Which approval task; optional when exactly one waits. */
  taskKey: taskKey.optional(),
  approve: z.boolean(),
  comment: comment.default(""),
});

/** A decision on an agent call that waits for a person: a tool it wants to call, its budget, an approval guardrail. */
export const decideAgentCallInput = z.object({
  runId: id,
  /** Which agent task; optional when exactly one waits. */
  taskKey: taskKey.optional(),
  approve: z.boolean(),
  comment: comment.default(""),
});

export const submitTaskOutputInput = z.object({ runId: id, taskKey, output: z.unknown() });

export const startRunInput = z.object({
  /** A stage id (from `GET /api/v1/workflows/definitions`), or a workflow id when it has one automated stage. */
  definitionId: id,
  /** The workflow the definition belongs to; when given it must match. */
  workflowId: id.optional(),
  context: z.record(z.string(), z.unknown()).default({}),
  conversationId: z.string().trim().min(1).max(200).optional(),
  workItemId: id.optional(),
});
export type StartRunInput = z.infer<typeof startRunInput>;
