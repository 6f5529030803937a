import { getActor } from "@/lib/auth/session";
import { Unauthorized } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Who the caller is: identity and team roles. */
export async function GET() {
  const actor = await getActor();
  if (!actor) return errorResponse(new Unauthorized());
  return Response.json({
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    isAdmin: actor.isAdmin,
    teams: actor.memberships.map((m) => ({ id: m.teamId, name: m.teamName, role: m.role })),
  });
}
