import { getDatabase } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import { Unauthorized } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { boardEventStream } from "@/lib/work-items/stream";

export const dynamic = "force-dynamic";

/** Live changes of a board as server-sent events (`ready`, then `changes`); resumes from Last-Event-ID. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await getActor();
    if (!actor) throw new Unauthorized();
    const url = new URL(request.url);
    const from = request.headers.get("last-event-id") ?? url.searchParams.get("after");
    const after = from && /^\d+$/.test(from) ? Number(from) : undefined;
    const stream = await boardEventStream({
      database: await getDatabase(),
      actor,
      workflowId: (await params).id,
      after,
      signal: request.signal,
    });
    return new Response(stream, {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
