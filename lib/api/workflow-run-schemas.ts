import { z } from "zod";
import { RUN_STATUSES } from "@/lib/engine/run-state";
import { startRunInput } from "@/lib/runs/schemas";
import { targetInput } from "@/lib/workflows/schemas";
import { runResponse } from "./run-schemas";
import { createWorkflowBody, descriptorFileResponse, instantiateTemplateBody, workflowResponse } from "./workflow-schemas";

/*
 * REST shapes for running workflows by request: the runnable definitions, starting one, and the plain
 * sequential shape (`{name, tasks: [{agent, input}]}`, executed and polled by workflow id) that programs
 * written for simpler agent-workflow services send. Its fields are snake_case, as those programs expect.
 */

export const startRunBody = startRunInput
  .extend({
    definitionId: startRunInput.shape.definitionId.describe(
      "A stage id from `GET /api/v1/workflows/definitions`, or a workflow id when the workflow has exactly one automated stage with tasks.",
    ),
    context: startRunInput.shape.context.describe("The run's input: task inputs read it as `{{run.input.…}}`."),
    workItemId: startRunInput.shape.workItemId.describe("Run for this item of the workflow, at the version the item started with."),
    conversationId: startRunInput.shape.conversationId.describe("Your own correlation id, kept on the run."),
  })
  .strict();

export const sequentialTask = z
  .object({
    agent: z
      .string({ error: "Name the agent (its role) that does this step." })
      .trim()
      .min(1, "Name the agent (its role) that does this step.")
      .max(80, "Keep an agent name under 80 characters."),
    input: z
      .record(z.string(), z.unknown(), { error: "A step's input is a JSON object." })
      .default({})
      .describe("The step's input. Strings may use `{{previous_output}}` (the step before's output) and `{{run.input.…}}`."),
  })
  .strict();

export const sequentialWorkflowBody = z
  .object({
    name: targetInput.shape.name,
    description: targetInput.shape.description,
    teamId: z.string().uuid("Choose one of your teams (a team id).").optional().describe("Make it a team workflow of this team; personal without it."),
    tasks: z
      .array(sequentialTask, { error: "List the steps as `tasks: [{agent, input}]`." })
      .min(1, "List at least one step in `tasks`.")
      .max(500, "A sequential workflow has at most 500 steps.")
      .describe("The steps, run one after another by an agent each."),
  })
  .strict();
export type SequentialWorkflowBody = z.infer<typeof sequentialWorkflowBody>;

/** Every body POST /workflows accepts: `templateId` instantiates, `tasks` is the sequential list, else create. */
export const anyNewWorkflowBody = z.union([createWorkflowBody, instantiateTemplateBody, sequentialWorkflowBody]);

export const sequentialCreatedResponse = z.object({
  workflow_id: z.string().uuid(),
  name: z.string(),
  status: z.literal("pending").describe("It has not run yet: `POST /api/v1/workflows/{id}/execute` runs it."),
  task_count: z.number().int(),
});

/** POST /workflows answers the workflow, or for the sequential list the short snake_case shape. */
export const anyNewWorkflowResponse = z.union([workflowResponse, sequentialCreatedResponse]);

export const executeBody = z
  .object({ context: z.record(z.string(), z.unknown(), { error: "The context is a JSON object." }).default({}).describe("The run's input (`{{run.input.…}}`).") })
  .strict();

export const executeResponse = z.object({
  workflow_id: z.string().uuid(),
  run_id: z.string().uuid(),
  status: z.literal("running"),
  message: z.string(),
});

export const workflowStatusResponse = z.object({
  workflow_id: z.string().uuid(),
  name: z.string(),
  status: z.enum(RUN_STATUSES).describe("The latest run's status; `pending` when it never ran."),
  tasks: z
    .array(z.object({ id: z.string(), agent: z.string().describe("The agent's role, or the executor kind for other tasks."), status: z.string() }))
    .describe("The latest run's tasks in graph order (all pending when it never ran)."),
  results: z.array(z.object({ step: z.string().describe("The task id."), output: z.unknown() })).describe("Outputs of the tasks that completed, in graph order."),
  run_id: z.string().uuid().nullable(),
});

export const runnableDefinitionsResponse = z.object({
  definitions: z.array(
    z.object({
      id: z.string().uuid().describe("The stage id: send it as `definitionId` to `POST /api/v1/workflows/start`."),
      workflowId: z.string().uuid(),
      workflowName: z.string(),
      stageName: z.string(),
      version: z.number().int().describe("The workflow's latest version, which a new run executes."),
      descriptor: descriptorFileResponse,
    }),
  ),
});

export const startRunResponse = z.object({ run: runResponse });
