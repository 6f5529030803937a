import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import { Unauthorized } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { toBoardJson } from "@/lib/work-items/board-json";
import { getBoard } from "@/lib/work-items/queries";

export const dynamic = "force-dynamic";

/** The whole board (stages, open items in order, assignable people, change cursor) as the board page holds it. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await getActor();
    if (!actor) throw new Unauthorized();
    return Response.json(toBoardJson(await getBoard({ db: await getDb(), actor, workflowId: (await params).id })));
  } catch (err) {
    return errorResponse(err);
  }
}
