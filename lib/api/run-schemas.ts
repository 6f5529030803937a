import { z } from "zod";
import { LEVELS } from "@/lib/auth/permissions";
import { RUN_STATUSES, type RunStatus, TASK_STATUSES } from "@/lib/engine/run-state";
import { EXECUTOR_KINDS, taskGraphSchema } from "@/lib/engine/graph-schema";
import { STAGE_TYPES } from "@/lib/workflows/definition";
import { decideApprovalInput, retryRunInput, submitTaskOutputInput } from "@/lib/runs/schemas";

/*
 * REST shapes of runs (see schemas.ts for the conventions): bodies are the run services' inputs minus the
 * run id the path carries, made strict; responses document what lib/api/runs.ts answers.
 */

export const retryRunBody = retryRunInput.omit({ runId: true }).strict();
export const decideApprovalBody = decideApprovalInput.omit({ runId: true }).strict();
export const submitTaskBody = submitTaskOutputInput
  .omit({ runId: true })
  .extend({ output: submitTaskOutputInput.shape.output.describe("The task's output: any JSON, checked against the task's output schema when it has one.") })
  .strict();

const statusList = z
  .string()
  .transform((text, ctx) => {
    const list = text.split(",").map((s) => s.trim()).filter(Boolean);
    const bad = list.find((s) => !(RUN_STATUSES as readonly string[]).includes(s));
    if (bad !== undefined) {
      ctx.addIssue({ code: "custom", message: `“${bad}” is not a run status: use ${RUN_STATUSES.join(", ")} (several separated by commas).` });
      return z.NEVER;
    }
    return list as RunStatus[];
  })
  .describe(`Only runs in these statuses, separated by commas: ${RUN_STATUSES.join(", ")}.`);

export const listRunsQuery = z.object({
  workflowId: z.string().uuid("That is not a workflow id.").optional().describe("Only runs of this workflow."),
  workItemId: z.string().uuid("That is not an item id.").optional().describe("Only runs of this work item."),
  status: statusList.optional(),
  limit: z.coerce.number().int("Ask for a whole number of runs.").min(1, "Ask for at least 1 run.").max(200, "Ask for at most 200 runs.").optional().default(50),
  before: z.iso
    .datetime({ error: "Use an ISO 8601 time, like 2025-01-31T12:00:00Z." })
    .optional()
    .describe("Only runs created before this time: send the last run's `createdAt` to get the next page."),
});

export const runEventsQuery = z.object({
  after: z.coerce
    .number({ error: "Send the seq of the last event you have (a whole number)." })
    .int("Send the seq of the last event you have (a whole number).")
    .min(0, "Send the seq of the last event you have (0 or more).")
    .optional()
    .describe("Send only events after this seq; the `Last-Event-ID` header, when present, wins."),
});

const id = z.string().uuid();
const at = z.iso.datetime();
const runStatus = z.enum(RUN_STATUSES);
const taskStatus = z.enum(TASK_STATUSES);

export const runResponse = z.object({
  id,
  workflowId: id,
  stageId: id.describe("The stage whose task graph the run executes."),
  workItemId: id.nullable(),
  definitionVersion: z.number().int().describe("The workflow version the run executes; later saves do not change a run."),
  status: runStatus,
  origin: z.enum(["stage", "api", "trigger"]).describe("What started it: an item entering the stage, a program, or a trigger."),
  input: z.unknown().describe("The run's context (`{{run.input…}}` in task inputs)."),
  output: z.unknown().describe("The output of the run's last task(s) once completed; null before."),
  error: z.string().nullable(),
  initiatorId: id.nullable(),
  conversationId: z.string().nullable(),
  pausedAt: at.nullable(),
  timeoutMs: z.number().int().nullable(),
  deadlineAt: at.nullable(),
  lastSeq: z.number().int().describe("The seq of the run's latest event (see `/events`)."),
  createdAt: at,
  startedAt: at.nullable(),
  finishedAt: at.nullable(),
  updatedAt: at,
});

const decision = z.object({ userId: id, name: z.string(), approve: z.boolean(), comment: z.string(), at });

const taskView = z.object({
  key: z.string(),
  name: z.string(),
  executor: z.enum(EXECUTOR_KINDS),
  status: taskStatus,
  attempt: z.number().int(),
  iteration: z.number().int(),
  input: z.unknown().describe("The input as rendered for the latest attempt."),
  output: z.unknown(),
  error: z.string().nullable(),
  errorDetails: z.unknown(),
  waitingFor: z.enum(["approval", "human", "delay", "agent"]).nullable(),
  queuedAt: at.nullable(),
  startedAt: at.nullable(),
  finishedAt: at.nullable(),
  durationMs: z.number().nullable(),
  approval: z
    .object({
      needed: z.number().int(),
      level: z.enum(["WRITE", "ADMIN"]),
      instructions: z.string(),
      decisions: z.array(decision),
      canDecide: z.boolean().describe("Whether the caller may approve or reject it now."),
    })
    .nullable()
    .describe("For approval tasks: how many approvals it needs, from whom, and the decisions so far."),
  canSubmit: z.boolean().describe("For human tasks: whether the caller may submit its output now."),
  canRetryFrom: z.boolean().describe("Whether the caller may retry the run from this task."),
});

export const runViewResponse = z.object({
  run: runResponse.extend({ initiator: z.object({ id, name: z.string() }).nullable() }),
  workflow: z.object({ id, name: z.string(), level: z.enum(LEVELS).describe("The caller's access to the workflow.") }),
  stage: z.object({ id, name: z.string(), type: z.enum(STAGE_TYPES) }),
  item: z.object({ id, title: z.string(), stageId: id }).nullable(),
  graph: taskGraphSchema.describe("The task graph of the run's pinned version."),
  tasks: z.array(taskView).describe("Every task of the graph, in graph order."),
  can: z.object({ pause: z.boolean(), resume: z.boolean(), cancel: z.boolean() }).describe("What the caller may do to the run now."),
});

export const runSummaryResponse = z.object({
  id,
  status: runStatus,
  origin: z.enum(["stage", "api", "trigger"]),
  error: z.string().nullable(),
  createdAt: at,
  startedAt: at.nullable(),
  finishedAt: at.nullable(),
  definitionVersion: z.number().int(),
  workflowId: id,
  workflowName: z.string(),
  stageId: id,
  stageName: z.string(),
  workItemId: id.nullable(),
});
export const runListResponse = z.object({ runs: z.array(runSummaryResponse).describe("Newest first.") });

export const approvalResponse = z.object({
  decided: z.boolean().describe("Whether the gate is decided now (approved with enough approvals, or rejected)."),
  approved: z.boolean(),
  remaining: z.number().int().describe("Approvals still needed; one must come from someone other than the run's initiator."),
});

export const taskRunResponse = z.object({
  id,
  runId: id,
  taskKey: z.string(),
  status: taskStatus,
  attempt: z.number().int(),
  iteration: z.number().int(),
  input: z.unknown(),
  output: z.unknown(),
  error: z.string().nullable(),
  errorDetails: z.unknown(),
  waitingFor: z.enum(["approval", "human", "delay", "agent"]).nullable(),
  queuedAt: at.nullable(),
  startedAt: at.nullable(),
  finishedAt: at.nullable(),
});

export const runEventResponse = z.object({
  seq: z.number().int().describe("Strictly increasing within the run; also the message's `id`."),
  type: z.string().describe("Also the message's `event`: run.created, run.started, task.started, task.completed, approval.approved, run.completed, …"),
  taskKey: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  at,
});
