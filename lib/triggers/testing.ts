import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, workItems } from "@/db/schema";
import { actorFor, addMember, createTeam, createUser, createWorkflow } from "@/db/testing/factories";

/** Test helpers for triggers: two tenants and their workflows, and readers of items and audit rows. */

// Webhook secrets are encrypted: a fixed test key keeps tests from writing a key file into the repository.
process.env.TANDEM_SECRET_KEY ??= "7a".repeat(32);

/**
 * Team A (an owner and a viewer) owns workflows A (the source), B (listens) and C (does not); team B
 * (another tenant) owns D. The owner can read and write A–C; the outsider sees none of them.
 */
export async function createTriggerWorld(db: Db) {
  const teamA = await createTeam(db, { name: "Tenant A" });
  const teamB = await createTeam(db, { name: "Tenant B" });
  const ownerUser = await createUser(db, { name: "Olga Owner" });
  const viewerUser = await createUser(db, { name: "Vic Viewer" });
  const outsiderUser = await createUser(db, { name: "Otto Outsider" });
  await addMember(db, teamA.id, ownerUser.id, "member");
  await addMember(db, teamA.id, viewerUser.id, "viewer");
  await addMember(db, teamB.id, outsiderUser.id, "admin");
  const team = (name: string) =>
    createWorkflow(db, {
      name,
      ownerUserId: ownerUser.id,
      ownerTeamId: teamA.id,
      visibility: "team",
      stages: [{ name: "Inbox" }, { name: "Review" }, { name: "Done" }],
    });
  const a = await team("Source A");
  const b = await team("Listener B");
  const c = await team("Bystander C");
  const d = await createWorkflow(db, { name: "Other tenant D", ownerUserId: outsiderUser.id, ownerTeamId: teamB.id, visibility: "team" });
  return {
    teamA,
    teamB,
    owner: await actorFor(db, ownerUser.id),
    viewer: await actorFor(db, viewerUser.id),
    outsider: await actorFor(db, outsiderUser.id),
    a,
    b,
    c,
    d,
  };
}

/** The items of a workflow, oldest first. */
export function itemsOf(db: Db, workflowId: string) {
  return db.select().from(workItems).where(eq(workItems.workflowId, workflowId)).orderBy(workItems.createdAt, workItems.id);
}

/** `trigger.*` audit rows about one trigger, newest first. */
export function auditOf(db: Db, triggerId: string, action?: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, triggerId), action ? eq(auditLog.action, action) : sql`${auditLog.action} like 'trigger.%'`))
    .orderBy(desc(auditLog.seq));
}
