import { type ApiContext, handleApi } from "./core";

/** GET /api/v1/me: who the caller is (by token or session), with their team roles. */
export function meRoute(ctx: ApiContext) {
  return handleApi(ctx, async (actor) =>
    Response.json({
      id: actor.userId,
      email: actor.email,
      name: actor.name,
      isAdmin: actor.isAdmin,
      teams: actor.memberships.map((m) => ({ id: m.teamId, name: m.teamName, role: m.role })),
    }),
  );
}
