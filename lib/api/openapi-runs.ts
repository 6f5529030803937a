import { taskGraphSchema } from "@/lib/engine/graph-schema";
import type { Operation } from "./openapi";
import {
  approvalResponse,
  decideApprovalBody,
  listRunsQuery,
  retryRunBody,
  runEventResponse,
  runEventsQuery,
  runListResponse,
  runResponse,
  runViewResponse,
  submitTaskBody,
  taskRunResponse,
} from "./run-schemas";
import {
  executeBody,
  executeResponse,
  runnableDefinitionsResponse,
  sequentialCreatedResponse,
  startRunBody,
  startRunResponse,
  workflowStatusResponse,
} from "./workflow-run-schemas";
import { workflowResponse } from "./workflow-schemas";

const runState409 = "The run is not in a state that allows it (e.g. pausing a finished run).";

const control = (verb: "pause" | "resume" | "cancel", summary: string, description: string): Operation => ({
  method: "post",
  path: `/api/v1/runs/{id}/${verb}`,
  operationId: `${verb}Run`,
  summary,
  description: `${description} No body. Needs WRITE on the run's workflow.`,
  ok: { status: 200, name: "Run", schema: runResponse, description: "The run after the change." },
  errors: [403, 404, 409],
  errorText: { 409: runState409 },
});

/** The documented run operations: reading, controlling and deciding runs, their event stream, and starting them. */
export const runOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/runs",
    operationId: "listRuns",
    summary: "List runs you can see",
    description: "Newest first, at most `limit` (50 by default, 200 at most). Page with `before`.",
    query: listRunsQuery,
    ok: { status: 200, name: "RunList", schema: runListResponse, description: "A page of runs." },
    errors: [400],
  },
  {
    method: "get",
    path: "/api/v1/runs/{id}",
    operationId: "getRun",
    summary: "Get a run with its tasks",
    description: "The run, the task graph of its pinned version, every task's state (attempts, input, output, errors, approvals) and what you may do.",
    ok: { status: 200, name: "RunView", schema: runViewResponse, description: "The run as the run page shows it." },
    errors: [404],
  },
  control("pause", "Pause a run", "Tasks already running finish; no new task starts until it is resumed."),
  control("resume", "Resume a paused run", "Its queued tasks start again."),
  control("cancel", "Cancel a run", "Unfinished tasks are cancelled and running ones are told to stop."),
  {
    method: "post",
    path: "/api/v1/runs/{id}/retry",
    operationId: "retryRun",
    summary: "Retry a failed or cancelled run from a task",
    description: "That task and everything after it start over (and other tasks the failure stopped); completed outputs are kept. Needs WRITE.",
    body: { name: "RetryRunBody", schema: retryRunBody },
    ok: { status: 200, name: "Run", schema: runResponse, description: "The run, running again." },
    errors: [400, 403, 404, 409],
    errorText: { 409: "The run is not failed or cancelled, or that task did not fail." },
  },
  {
    method: "post",
    path: "/api/v1/runs/{id}/approvals",
    operationId: "decideApproval",
    summary: "Approve or reject a waiting approval task",
    description:
      "`taskKey` may be left out when exactly one approval waits. A rejection needs a `comment` and fails the task. The gate opens with its number of approvals from people with the level it asks for, at least one of them not the run's initiator. Each person decides once.",
    body: { name: "DecideApprovalBody", schema: decideApprovalBody },
    ok: { status: 200, name: "ApprovalDecision", schema: approvalResponse, description: "Whether the gate is decided, and how many approvals it still needs." },
    errors: [400, 403, 404, 409],
    errorText: { 409: "You already decided, or the task is not waiting for a decision (decided already, or the run is paused)." },
  },
  {
    method: "post",
    path: "/api/v1/runs/{id}/tasks",
    operationId: "submitTaskOutput",
    summary: "Complete a human task with its output",
    description: "The output is checked against the task's output schema when it has one (400 listing the problems). Needs WRITE.",
    body: { name: "SubmitTaskBody", schema: submitTaskBody },
    ok: { status: 200, name: "TaskRun", schema: taskRunResponse, description: "The task, completed." },
    errors: [400, 403, 404, 409],
    errorText: { 409: "The task is not waiting for its output (done already, or the run is paused)." },
  },
  {
    method: "get",
    path: "/api/v1/runs/{id}/events",
    operationId: "streamRunEvents",
    summary: "Follow a run's events (server-sent events)",
    description:
      "A `text/event-stream`: every event of the run in order, then each new one as it happens. Each message has `id:` (the event's seq), `event:` (its type) and `data:` (a RunEvent as JSON). Reconnect with `Last-Event-ID: <seq>` (or `?after=<seq>`) to receive only what came after. Comments (`: ping`) keep the connection alive. A few seconds after the run finishes, an `end` message (`data: {status, seq}`) closes the stream.",
    query: runEventsQuery,
    ok: { status: 200, name: "RunEvent", schema: runEventResponse, description: "Server-sent events; each `data` is one RunEvent.", mediaType: "text/event-stream" },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/workflows/definitions",
    operationId: "listRunnableDefinitions",
    summary: "List the definitions you can run",
    description: "Every automated stage with tasks, at the latest version, of every workflow you can see (no templates, no archived workflows), with its task graph as a workflow descriptor.",
    ok: { status: 200, name: "RunnableDefinitions", schema: runnableDefinitionsResponse, description: "The definitions, by workflow name." },
    errors: [],
  },
  {
    method: "post",
    path: "/api/v1/workflows/start",
    operationId: "startRun",
    summary: "Start a run of a definition",
    description:
      "Runs the definition at the workflow's latest version (or, with `workItemId`, at the item's version) with `context` as its input. Needs WRITE on the workflow. The run goes on in the background: follow it with `GET /api/v1/runs/{id}` or its `/events`.",
    body: { name: "StartRunBody", schema: startRunBody },
    ok: { status: 201, name: "StartedRun", schema: startRunResponse, description: "The new run; `Location` names it." },
    errors: [400, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/workflows/{id}",
    operationId: "getWorkflowStatus",
    summary: "A workflow's latest run, in the sequential shape",
    description: "For programs that create a sequential list and poll it: the latest run's status, each task's status and the completed tasks' outputs.",
    ok: { status: 200, name: "WorkflowStatus", schema: workflowStatusResponse, description: "The latest run's state (`pending`, with no run, before the first)." },
    errors: [404],
  },
  {
    method: "post",
    path: "/api/v1/workflows/{id}/execute",
    operationId: "executeWorkflow",
    summary: "Run a workflow's automated stage",
    description: "Starts a run of the workflow's one automated stage with tasks (400 if it has none or several), with the optional body's `context` as its input. Needs WRITE.",
    body: { name: "ExecuteBody", schema: executeBody },
    bodyOptional: true,
    ok: { status: 202, name: "ExecutionStarted", schema: executeResponse, description: "Accepted; `run_id` (and `Location`) names the run." },
    errors: [400, 403, 404],
  },
];

/** Schemas named once and referenced wherever they appear in the run operations. */
export const sharedRunSchemas = [
  { name: "TaskGraph", schema: taskGraphSchema },
  { name: "Workflow", schema: workflowResponse },
  { name: "SequentialWorkflowCreated", schema: sequentialCreatedResponse },
];
