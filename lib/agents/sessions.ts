import path from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { type AgentSession, type WorkItem, agentSessionMessages, agentSessions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/log";
import { Conflict, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireItem } from "@/lib/work-items/access";
import { resolveRepo } from "./repo-paths";
import { MAX_TITLE_CHARS, createSessionInput, listSessionsInput, touchSessionInput, updateSessionInput } from "./session-schemas";
import type { SessionMessage } from "./types";

/**
 * Agent sessions: one person's working context with the agent (a repository, maybe an item, the latest
 * plan, what was said). Strictly personal: every statement names the actor's user id, so another user's
 * session, a missing one and a malformed id all read as the same NotFound. `last_activity_at` moves when
 * the orchestrator works in a session (touchSession) and when it is reopened, not on renames.
 */

const SESSION = "The agent session";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const own = (actor: Actor, id: string) => and(eq(agentSessions.id, id), eq(agentSessions.userId, actor.userId));

/** One of the actor's sessions (locked for the transaction when asked), or NotFound. */
async function requireOwnSession(db: Db, actor: Actor, id: unknown, opts: { lock?: boolean } = {}): Promise<AgentSession> {
  if (typeof id !== "string" || !UUID.test(id)) throw new NotFound(SESSION);
  const query = db.select().from(agentSessions).where(own(actor, id)).limit(1);
  const [row] = opts.lock ? await query.for("update") : await query;
  if (!row) throw new NotFound(SESSION);
  return row;
}

/** An item the actor can read; an invisible one reads as missing, in this domain's words. */
async function readableItem(db: Db, actor: Actor, id: string): Promise<WorkItem> {
  try {
    return (await requireItem(db, actor, id, "READ")).item;
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound("The work item");
    throw err;
  }
}

function defaultTitle(repoRoot: string, itemTitle: string | undefined): string {
  const folder = path.basename(repoRoot) || repoRoot;
  return (itemTitle ? `${folder} — ${itemTitle}` : folder).slice(0, MAX_TITLE_CHARS);
}

/**
 * Opens a session in a repository under the allowed roots, optionally attached to an item the actor can
 * read; titled after the repository folder (and the item) unless given a title. Audited.
 */
export async function createSession(db: Db, actor: Actor, input: unknown): Promise<AgentSession> {
  const data = parseInput(createSessionInput, input);
  const { repoRoot } = await resolveRepo(data.repo);
  return db.transaction(async (tx) => {
    const item = data.workItemId ? await readableItem(tx, actor, data.workItemId) : null;
    const [session] = await tx
      .insert(agentSessions)
      .values({ userId: actor.userId, title: data.title || defaultTitle(repoRoot, item?.title), repoRoot, workItemId: item?.id ?? null })
      .returning();
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "agent.session.create",
      targetType: "agent_session",
      targetId: session!.id,
      requestId: actor.requestId,
      details: { title: session!.title, repoRoot, workItemId: session!.workItemId },
    });
    return session!;
  });
}

/** The actor's sessions, most recent activity first; open ones, closed ones or all (the default). */
export async function listSessions(db: Db, actor: Actor, input?: unknown): Promise<AgentSession[]> {
  const { status, limit } = parseInput(listSessionsInput, input);
  return db
    .select()
    .from(agentSessions)
    .where(and(eq(agentSessions.userId, actor.userId), status === "all" ? undefined : eq(agentSessions.status, status)))
    .orderBy(desc(agentSessions.lastActivityAt), desc(agentSessions.id))
    .limit(limit);
}

/** One of the actor's sessions; anyone else's, a missing one and a malformed id are the same NotFound. */
export async function getSession(db: Db, actor: Actor, id: string): Promise<AgentSession> {
  return requireOwnSession(db, actor, id);
}

/**
 * Renames a session, attaches (an item the actor can read) or detaches its item, replaces its plan with a
 * valid one, or closes or reopens it. Closing stamps `closed_at` and is audited; so is reopening.
 */
export async function updateSession(db: Db, actor: Actor, id: string, input: unknown): Promise<AgentSession> {
  const data = parseInput(updateSessionInput, input);
  return db.transaction(async (tx) => {
    const session = await requireOwnSession(tx, actor, id, { lock: true });
    const changes: PgUpdateSetSource<typeof agentSessions> = {};
    if (data.title !== undefined && data.title !== session.title) changes.title = data.title;
    if (data.workItemId !== undefined && data.workItemId !== session.workItemId) {
      changes.workItemId = data.workItemId === null ? null : (await readableItem(tx, actor, data.workItemId)).id;
    }
    if (data.currentPlan !== undefined) changes.currentPlan = data.currentPlan;
    const statusChange = data.status !== undefined && data.status !== session.status ? data.status : null;
    if (statusChange === "closed") {
      changes.status = "closed";
      changes.closedAt = sql`now()`;
    } else if (statusChange === "open") {
      changes.status = "open";
      changes.closedAt = null;
      changes.lastActivityAt = sql`now()`;
    }
    if (Object.keys(changes).length === 0) return session;
    const [updated] = await tx.update(agentSessions).set(changes).where(own(actor, session.id)).returning();
    if (statusChange) {
      await appendAudit(tx, {
        actorId: actor.userId,
        action: statusChange === "closed" ? "agent.session.close" : "agent.session.reopen",
        targetType: "agent_session",
        targetId: session.id,
        requestId: actor.requestId,
        details: { title: updated!.title },
      });
    }
    return updated!;
  });
}

/** Closes one of the actor's sessions (closing a closed one changes nothing). */
export async function closeSession(db: Db, actor: Actor, id: string): Promise<AgentSession> {
  return updateSession(db, actor, id, { status: "closed" });
}

/** Deletes one of the actor's sessions and its messages; audited. */
export async function deleteSession(db: Db, actor: Actor, id: string): Promise<{ id: string }> {
  if (typeof id !== "string" || !UUID.test(id)) throw new NotFound(SESSION);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(agentSessions)
      .where(own(actor, id))
      .returning({ id: agentSessions.id, title: agentSessions.title, repoRoot: agentSessions.repoRoot });
    if (!row) throw new NotFound(SESSION);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "agent.session.delete",
      targetType: "agent_session",
      targetId: row.id,
      requestId: actor.requestId,
      details: { title: row.title, repoRoot: row.repoRoot },
    });
    return { id: row.id };
  });
}

/**
 * For the orchestrator: marks activity in one of the actor's open sessions, keeps `plan` as its current
 * plan when given, and appends `messages` in order. A closed session refuses (Conflict).
 */
export async function touchSession(db: Db, actor: Actor, id: string, input: unknown): Promise<AgentSession> {
  const { plan, messages } = parseInput(touchSessionInput, input ?? {});
  return db.transaction(async (tx) => {
    const session = await requireOwnSession(tx, actor, id, { lock: true });
    if (session.status === "closed") throw new Conflict("This session is closed; reopen it or start a new one.");
    const [updated] = await tx
      .update(agentSessions)
      .set({ lastActivityAt: sql`now()`, ...(plan !== undefined ? { currentPlan: plan } : {}) })
      .where(own(actor, session.id))
      .returning();
    if (messages.length > 0) {
      await tx.insert(agentSessionMessages).values(messages.map((m) => ({ sessionId: session.id, role: m.role, verb: m.verb, content: m.content })));
    }
    return updated!;
  });
}

/**
 * The last `limit` messages of a session, oldest first, for context bundles. Internal: the caller has
 * already loaded the session as its owner (getSession/touchSession).
 */
export async function recentMessages(db: Db, sessionId: string, limit = 20): Promise<SessionMessage[]> {
  if (!UUID.test(sessionId)) return [];
  const n = Math.max(0, Math.min(Math.floor(limit), 500));
  if (n === 0) return [];
  const rows = await db
    .select()
    .from(agentSessionMessages)
    .where(eq(agentSessionMessages.sessionId, sessionId))
    .orderBy(desc(agentSessionMessages.id))
    .limit(n);
  return rows.reverse().map((m) => ({ role: m.role, verb: m.verb, content: m.content, at: m.at.toISOString() }));
}
