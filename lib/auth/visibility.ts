import { type SQL, and, eq, exists, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { teamMembers, type Workflow, workflows } from "@/db/schema";
import type { Actor } from "./actor";
import { type Level, ROLE_GRANTS, maxLevel } from "./permissions";

/** The columns an owned, shared object has: workflows, catalog agents and guardrail policies. */
export type OwnedColumns = { visibility: AnyPgColumn; ownerUserId: AnyPgColumn; ownerTeamId: AnyPgColumn };

/**
 * The SQL predicate for "rows of this owned table the actor may see", for use inside a query's WHERE so
 * that an invisible row is never fetched. Membership is read in the same statement, so a removed member
 * loses access at once.
 */
export function visibleWhere(actor: Actor, t: OwnedColumns): SQL {
  return or(
    eq(t.visibility, "global"),
    and(eq(t.visibility, "personal"), eq(t.ownerUserId, actor.userId)),
    and(
      eq(t.visibility, "team"),
      exists(sql`(select 1 from ${teamMembers} where ${teamMembers.teamId} = ${t.ownerTeamId} and ${teamMembers.userId} = ${actor.userId})`),
    ),
  ) as SQL;
}

/**
 * The SQL predicate for "workflows this actor may see", used inside every query's WHERE so that an
 * invisible row is never fetched. Items inherit it by joining their workflow.
 */
export function visibleWorkflowsWhere(actor: Actor): SQL {
  return visibleWhere(actor, workflows);
}

/**
 * The actor's level on one workflow they can see. Personal: the owner holds ADMIN. Team and global: the
 * owner team's role (raised by grants) decides; a global workflow is READ for everyone else and ADMIN for
 * instance admins, who otherwise see only what their own teams see.
 */
export function workflowLevel(actor: Actor, wf: Pick<Workflow, "visibility" | "ownerUserId" | "ownerTeamId">): Level {
  if (wf.visibility === "personal") return wf.ownerUserId === actor.userId ? "ADMIN" : "NONE";
  let level: Level = "NONE";
  if (wf.ownerTeamId) {
    const m = actor.memberships.find((x) => x.teamId === wf.ownerTeamId);
    if (m) {
      level = ROLE_GRANTS[m.role]["workflows.manage"];
      for (const g of actor.grants) {
        if (g.permission === "workflows.manage" && g.teamId === wf.ownerTeamId) level = maxLevel(level, g.level);
      }
      level = maxLevel(level, "READ");
    }
  } else if (wf.ownerUserId === actor.userId) {
    level = "ADMIN";
  }
  if (wf.visibility === "global") {
    level = maxLevel(level, actor.isAdmin ? "ADMIN" : "READ");
  }
  return level;
}
