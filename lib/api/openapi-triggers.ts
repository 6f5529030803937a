import {
  triggerDeletedResponse,
  triggerListResponse,
  triggerUpdatedResponse,
  triggerWithSecretResponse,
  updateTriggerBody,
} from "@/lib/triggers/rest-schemas";
import { createTriggerBody } from "@/lib/triggers/schemas";
import type { Operation } from "./openapi";

const WEBHOOK_NOTE =
  "Deliveries go to `POST /api/webhooks/{id}` (no token): send `X-Tandem-Timestamp: <unix seconds>` and `X-Tandem-Signature: sha256=<hex HMAC-SHA256 of \"<timestamp>.<raw body>\" under the secret>`; the timestamp must be within 5 minutes. An optional `X-Tandem-Delivery: <id>` makes a repeated delivery a no-op. The JSON body (up to 256 KB) becomes the item's `data.payload`; the answer is 202 `{itemId}`. Unknown ids, disabled triggers and bad signatures all answer 401 `signature does not match`.";

/** The documented trigger operations: list, create, change, delete, rotate a webhook's secret. */
export const triggerOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/workflows/{id}/triggers",
    operationId: "listTriggers",
    summary: "List a workflow's triggers",
    ok: { status: 200, name: "TriggerList", schema: triggerListResponse, description: "The triggers, oldest first. Secrets are never listed." },
    errors: [404],
  },
  {
    method: "post",
    path: "/api/v1/workflows/{id}/triggers",
    operationId: "createTrigger",
    summary: "Create a trigger",
    description: `Each firing creates an item in this workflow (in \`config.targetStageId\` or the first stage), which starts the stage's run if it has one. \`event\`: listens to \`config.event\` in \`config.sourceWorkflowId\` (which you must be able to read; 404 otherwise), optionally only in \`config.stageId\`. \`cron\`: \`config.cron\` (five fields) in \`config.timezone\` (default UTC); a bad expression is a 400 saying why. \`webhook\`: the answer carries the signing \`secret\`, shown only here. ${WEBHOOK_NOTE} Needs WRITE on the workflow.`,
    body: { name: "CreateTriggerBody", schema: createTriggerBody },
    ok: { status: 201, name: "TriggerWithSecret", schema: triggerWithSecretResponse, description: "The new trigger, and a webhook's secret; `Location` names it." },
    errors: [400, 403, 404],
  },
  {
    method: "patch",
    path: "/api/v1/triggers/{id}",
    operationId: "updateTrigger",
    summary: "Rename, enable, disable or reconfigure a trigger",
    description: "Only the fields sent change. `config` replaces the whole config and is checked against the trigger's kind, which cannot change. Needs WRITE on the trigger's workflow.",
    body: { name: "UpdateTriggerBody", schema: updateTriggerBody },
    ok: { status: 200, name: "TriggerUpdated", schema: triggerUpdatedResponse, description: "The trigger after the change." },
    errors: [400, 403, 404],
  },
  {
    method: "delete",
    path: "/api/v1/triggers/{id}",
    operationId: "deleteTrigger",
    summary: "Delete a trigger",
    description: "Stops it at once (a cron trigger's schedule too). Items it created stay. Needs WRITE on the trigger's workflow.",
    ok: { status: 200, name: "TriggerDeleted", schema: triggerDeletedResponse, description: "The trigger is gone." },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/api/v1/triggers/{id}/rotate-secret",
    operationId: "rotateTriggerSecret",
    summary: "Give a webhook trigger a new secret",
    description: "The old secret stops working at once; the new one is in this answer only. 400 for triggers that are not webhooks.",
    ok: { status: 200, name: "TriggerWithSecret", schema: triggerWithSecretResponse, description: "The trigger and its new secret." },
    errors: [400, 403, 404],
  },
];
