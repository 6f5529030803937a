import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type WorkItem, type Workflow, teamMembers, users, workItems, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { type Level, atLeast } from "@/lib/auth/permissions";
import { visibleWorkflowsWhere, workflowLevel } from "@/lib/auth/visibility";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import { itemId } from "./schemas";

export type ItemWithWorkflow = { item: WorkItem; workflow: Workflow & { level: Level } };

/**
 * Loads an item whose workflow the actor can see and checks their level on that workflow. Items
 * inherit their workflow's visibility; invisible, malformed and missing ids all throw NotFound.
 */
export async function requireItem(db: Db, actor: Actor, id: string, level: Level = "READ"): Promise<ItemWithWorkflow> {
  if (!itemId.safeParse(id).success) throw new NotFound("Item");
  const [row] = await db
    .select({ item: workItems, workflow: workflows })
    .from(workItems)
    .innerJoin(workflows, eq(workflows.id, workItems.workflowId))
    .where(and(eq(workItems.id, id), visibleWorkflowsWhere(actor)))
    .limit(1);
  if (!row) throw new NotFound("Item");
  const have = workflowLevel(actor, row.workflow);
  if (!atLeast(have, level)) throw new Forbidden(`You need ${level} access to this workflow to change its items.`);
  return { item: row.item, workflow: { ...row.workflow, level: have } };
}

/** People an item of this workflow can be assigned to: the owner team's members, or the owner. */
export async function listAssignees(db: Db, wf: Pick<Workflow, "ownerTeamId" | "ownerUserId">) {
  const q = db.select({ id: users.id, name: users.name, email: users.email }).from(users);
  const rows = wf.ownerTeamId
    ? await q.innerJoin(teamMembers, eq(teamMembers.userId, users.id)).where(eq(teamMembers.teamId, wf.ownerTeamId))
    : await q.where(eq(users.id, wf.ownerUserId));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** Refuses an assignee who is not among the workflow's people (which also hides who exists elsewhere). */
export async function checkAssignee(db: Db, wf: Pick<Workflow, "ownerTeamId" | "ownerUserId">, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const people = await listAssignees(db, wf);
  if (!people.some((p) => p.id === assigneeId)) {
    throw new Invalid("That person cannot be assigned here: assign someone from the workflow's team.", {
      assigneeId: ["Choose someone from the workflow's team."],
    });
  }
}

/** Names of users by id, for messages. */
export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
