import { and, eq, isNull, notExists } from "drizzle-orm";
import type { Db } from "@/db/client";
import { permissionGrants, revokedSessions, teamMembers, teams, users } from "@/db/schema";
import { type Level, type Permission, ROLE_GRANTS, type TeamRole, maxLevel } from "./permissions";

export type Membership = { teamId: string; teamName: string; teamSlug: string; role: TeamRole };
export type Grant = { teamId: string | null; permission: string; level: Level };

/** Who is acting, loaded fresh from the database for each request. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  memberships: Membership[];
  grants: Grant[];
  /** Correlates audit rows and logs with the request that caused them. */
  requestId?: string;
};

/**
 * Loads an active user's identity, teams and grants; null when the user is missing or deactivated,
 * or when `sid` names a session that was signed out.
 */
export async function loadActor(db: Db, userId: string, requestId?: string, sid?: string): Promise<Actor | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        isNull(users.deactivatedAt),
        sid ? notExists(db.select().from(revokedSessions).where(eq(revokedSessions.sid, sid))) : undefined,
      ),
    )
    .limit(1);
  if (!user) return null;
  const [memberships, grants] = await Promise.all([
    db
      .select({ teamId: teams.id, teamName: teams.name, teamSlug: teams.slug, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.userId, userId))
      .orderBy(teams.name),
    db
      .select({ teamId: permissionGrants.teamId, permission: permissionGrants.permission, level: permissionGrants.level })
      .from(permissionGrants)
      .where(eq(permissionGrants.userId, userId)),
  ]);
  return { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, memberships, grants, requestId };
}

/**
 * The actor's level on a permission within a team (or instance-wide when `teamId` is null):
 * the role's grant, raised by explicit grants; instance admins hold ADMIN everywhere.
 */
export function permissionLevel(actor: Actor, permission: Permission, teamId: string | null): Level {
  if (actor.isAdmin) return "ADMIN";
  let level: Level = "NONE";
  const membership = teamId ? actor.memberships.find((m) => m.teamId === teamId) : undefined;
  if (membership) level = ROLE_GRANTS[membership.role][permission];
  for (const g of actor.grants) {
    if (g.permission !== permission) continue;
    if (g.teamId === null || (teamId !== null && g.teamId === teamId && membership)) level = maxLevel(level, g.level);
  }
  return level;
}
