import { type ApiContext, handleApi, parseBody } from "@/lib/api/core";
import { NotFound } from "@/lib/errors";
import { isUuid } from "./access";
import { triggerViews } from "./queries";
import { updateTriggerBody } from "./rest-schemas";
import { createTriggerBody } from "./schemas";
import { createTrigger, deleteTrigger, listTriggers, rotateTriggerSecret, updateTrigger } from "./service";

/*
 * The trigger routes of /api/v1. Like lib/api/items.ts, each handler parses the request and calls one
 * domain function; a malformed id in the path answers like a missing one.
 */

function pathId(id: string, what: string): string {
  if (!isUuid(id)) throw new NotFound(what);
  return id;
}

/** GET /api/v1/workflows/{id}/triggers: the workflow's triggers (READ). */
export function listTriggersRoute(ctx: ApiContext, _req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { triggers } = await listTriggers(db, actor, { workflowId: pathId(workflowId, "Workflow") });
    return Response.json({ triggers: await triggerViews(db, actor, triggers) });
  });
}

/** POST /api/v1/workflows/{id}/triggers: a new trigger (WRITE); a webhook's secret is in this answer only. */
export function createTriggerRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathId(workflowId, "Workflow");
    const body = await parseBody(req, createTriggerBody);
    const { trigger, secret } = await createTrigger(db, actor, { ...body, workflowId: id });
    const [view] = await triggerViews(db, actor, [trigger]);
    return Response.json({ trigger: view, secret }, { status: 201, headers: { Location: `/api/v1/triggers/${trigger.id}` } });
  });
}

/** PATCH /api/v1/triggers/{id}: rename, enable or disable, or replace the config. */
export function updateTriggerRoute(ctx: ApiContext, req: Request, triggerId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathId(triggerId, "Trigger");
    const body = await parseBody(req, updateTriggerBody);
    const trigger = await updateTrigger(db, actor, { ...body, id });
    const [view] = await triggerViews(db, actor, [trigger]);
    return Response.json({ trigger: view });
  });
}

/** DELETE /api/v1/triggers/{id}. */
export function deleteTriggerRoute(ctx: ApiContext, _req: Request, triggerId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { id } = await deleteTrigger(db, actor, { id: pathId(triggerId, "Trigger") });
    return Response.json({ id, deleted: true });
  });
}

/** POST /api/v1/triggers/{id}/rotate-secret: a webhook's new secret, in this answer only. */
export function rotateTriggerSecretRoute(ctx: ApiContext, _req: Request, triggerId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { trigger, secret } = await rotateTriggerSecret(db, actor, { id: pathId(triggerId, "Trigger") });
    const [view] = await triggerViews(db, actor, [trigger]);
    return Response.json({ trigger: view, secret });
  });
}
