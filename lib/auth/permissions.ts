/** RBAC vocabulary: pure, no database. */
export const PERMISSIONS = ["workflows.manage", "code.use", "code.edit", "admin.audit"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const LEVELS = ["NONE", "READ", "WRITE", "ADMIN"] as const;
export type Level = (typeof LEVELS)[number];

export const TEAM_ROLES = ["admin", "member", "viewer"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** What each team role grants inside its team. Explicit grants can only raise these. */
export const ROLE_GRANTS: Record<TeamRole, Record<Permission, Level>> = {
  admin: { "workflows.manage": "ADMIN", "code.use": "WRITE", "code.edit": "WRITE", "admin.audit": "READ" },
  member: { "workflows.manage": "WRITE", "code.use": "WRITE", "code.edit": "NONE", "admin.audit": "NONE" },
  viewer: { "workflows.manage": "READ", "code.use": "READ", "code.edit": "NONE", "admin.audit": "NONE" },
};

/** Compares levels: true when `have` is at least `need`. */
export function atLeast(have: Level, need: Level): boolean {
  return LEVELS.indexOf(have) >= LEVELS.indexOf(need);
}

/** The higher of two levels. */
export function maxLevel(a: Level, b: Level): Level {
  return atLeast(a, b) ? a : b;
}
