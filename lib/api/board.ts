import type { Database } from "@/db/client";
import { toBoardJson } from "@/lib/work-items/board-json";
import { getBoard } from "@/lib/work-items/queries";
import { boardEventStream } from "@/lib/work-items/stream";
import { type ApiContext, handleApi } from "./core";

/*
 * The board's own routes: the whole board as the board page holds it, and its live change stream.
 * They serve the web page first (UI-shaped JSON, not in the OpenAPI document) but accept tokens too.
 */

/** GET /api/v1/workflows/{id}/board: stages, open items in column order, assignable people, change cursor. */
export function boardRoute(ctx: ApiContext, workflowId: string) {
  return handleApi(ctx, async (actor, db) => Response.json(toBoardJson(await getBoard({ db, actor, workflowId }))));
}

/** GET /api/v1/workflows/{id}/events: server-sent `changes` after each committed change; resumes from Last-Event-ID. */
export function boardEventsRoute(ctx: ApiContext, req: Request, database: Database, workflowId: string) {
  return handleApi(ctx, async (actor) => {
    const from = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("after");
    const after = from && /^\d+$/.test(from) ? Number(from) : undefined;
    const stream = await boardEventStream({ database, actor, workflowId, after, signal: req.signal });
    return new Response(stream, {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
    });
  });
}
