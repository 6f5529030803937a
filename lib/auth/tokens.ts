import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type ApiToken, apiTokens } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { type Actor, loadActor } from "./actor";
import { type ApiTokenView, createApiTokenInput, revokeApiTokenInput } from "./token-schemas";

const TOKEN_PREFIX = "tdm_";
/** `tdm_` and 32 random bytes in base64url (43 characters, no padding). */
const TOKEN_SHAPE = /^tdm_[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/** SHA-256 hex of a token: the only form in which a token is stored or looked up. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as the settings page shows it (dates as ISO text, so it crosses to client components). */
export function tokenView(row: ApiToken): ApiTokenView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

/**
 * Creates a personal access token for the actor. The token is returned once and never stored: the
 * row keeps its SHA-256 and a short prefix to tell tokens apart.
 */
export async function createApiToken(db: Db, actor: Actor, input: unknown): Promise<{ token: string; row: ApiToken }> {
  const { name, expiresInDays } = parseInput(createApiTokenInput, input);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const now = new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.userId,
        name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 8),
        createdAt: now,
        expiresAt: expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * DAY_MS),
      })
      .returning();
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "token.create",
      targetType: "api_token",
      targetId: row!.id,
      requestId: actor.requestId,
      details: { name, prefix: row!.prefix, expiresAt: row!.expiresAt?.toISOString() ?? null },
    });
    return { token, row: row! };
  });
}

/** The actor's own tokens, newest first, revoked ones included (the page shows them as revoked). */
export async function listApiTokens(db: Db, actor: Actor): Promise<ApiToken[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, actor.userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/**
 * Revokes one of the actor's tokens; someone else's id reads as not found. Revoking a revoked token
 * changes nothing and returns it as it is.
 */
export async function revokeApiToken(db: Db, actor: Actor, input: unknown): Promise<ApiToken> {
  const { id } = parseInput(revokeApiTokenInput, input);
  if (!UUID.test(id)) throw new NotFound("Token");
  return db.transaction(async (tx) => {
    const own = and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId));
    const [existing] = await tx.select().from(apiTokens).where(own).limit(1);
    if (!existing) throw new NotFound("Token");
    if (existing.revokedAt) return existing;
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(own, isNull(apiTokens.revokedAt)))
      .returning();
    // A concurrent revoke got there first: same outcome, and its audit row already says so.
    if (!row) return (await tx.select().from(apiTokens).where(own))[0]!;
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "token.revoke",
      targetType: "api_token",
      targetId: row.id,
      requestId: actor.requestId,
      details: { name: row.name, prefix: row.prefix },
    });
    return row;
  });
}

/** The token in an `Authorization: Bearer …` header, or null when the header holds none. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = authorization?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return match ? match[1]! : null;
}

/**
 * The actor an `Authorization: Bearer tdm_…` header speaks for, or null when the token is unknown,
 * revoked, expired, or its user is deactivated. Marks the token used, at most once a minute, with a
 * conditional write so many instances do not all write on every request.
 */
export async function actorFromBearer(db: Db, authorization: string | null | undefined, requestId?: string): Promise<Actor | null> {
  const token = bearerToken(authorization);
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const now = new Date();
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .limit(1);
  if (!row) return null;
  const actor = await loadActor(db, row.userId, requestId);
  if (!actor) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
  return actor;
}
