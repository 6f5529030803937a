import { moveItem } from "@/lib/work-items/move";
import { getItemPage, listItems } from "@/lib/work-items/queries";
import { createItem, setItemArchived, updateItem } from "@/lib/work-items/service";
import { type ApiContext, handleApi, parseBody, parseQuery } from "./core";
import { archiveItemBody, createItemBody, listItemsQuery, moveItemBody, updateItemBody } from "./schemas";

/*
 * The work-item routes of /api/v1. Each takes the request context, the Request and the path id;
 * app/api/v1/** only builds the context and calls one of these. The path id always wins over the body.
 */

/** GET /api/v1/workflows/{id}/items: the workflow's items, filtered and paged, newest first. */
export function listWorkflowItemsRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { q, assignee, priority, stageId, includeArchived, limit, offset } = parseQuery(req, listItemsQuery);
    const items = await listItems({ db, actor, workflowId, filter: { q, assignee, priority }, stageId, includeArchived, limit, offset });
    return Response.json({ items });
  });
}

/** POST /api/v1/workflows/{id}/items: creates an item (first stage unless `stageId` says otherwise). */
export function createWorkflowItemRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const body = await parseBody(req, createItemBody);
    const item = await createItem(db, actor, { ...body, workflowId });
    return Response.json(item, { status: 201, headers: { Location: `/api/v1/items/${item.id}` } });
  });
}

/** GET /api/v1/items/{id}: the item with its stage, history (transitions) and comments. */
export function getItemRoute(ctx: ApiContext, _req: Request, itemId: string) {
  return handleApi(ctx, async (actor, db) => {
    const page = await getItemPage({ db, actor, itemId });
    const stage = page.stages.find((s) => s.id === page.item.stageId)!;
    return Response.json({
      item: page.item,
      workflow: { id: page.workflow.id, name: page.workflow.name },
      stage,
      stages: page.stages,
      history: page.timeline,
      comments: page.comments,
      assignees: page.assignees,
    });
  });
}

/** PATCH /api/v1/items/{id}: edits fields; with `version`, a stale edit is a 409. */
export function updateItemRoute(ctx: ApiContext, req: Request, itemId: string) {
  return handleApi(ctx, async (actor, db) => {
    const body = await parseBody(req, updateItemBody);
    return Response.json(await updateItem(db, actor, { ...body, id: itemId }));
  });
}

/** POST /api/v1/items/{id}/move: moves to a stage or place; stale version or WIP limit is a 409. */
export function moveItemRoute(ctx: ApiContext, req: Request, itemId: string) {
  return handleApi(ctx, async (actor, db) => {
    const body = await parseBody(req, moveItemBody);
    const { item, transition } = await moveItem(db, actor, { ...body, id: itemId });
    return Response.json({ item, transition });
  });
}

/** POST /api/v1/items/{id}/archive: archives (`archived: true`, the default) or restores an item. */
export function archiveItemRoute(ctx: ApiContext, req: Request, itemId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { archived } = await parseBody(req, archiveItemBody);
    return Response.json(await setItemArchived(db, actor, { id: itemId, archived }));
  });
}
