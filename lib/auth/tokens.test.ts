import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { apiTokens, auditLog, users } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, createUser } from "@/db/testing/factories";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { actorFromBearer, bearerToken, createApiToken, listApiTokens, revokeApiToken } from "./tokens";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const codeOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describeDb("personal access tokens", (db) => {
  let owner: Actor;
  let other: Actor;

  beforeAll(async () => {
    owner = await actorFor(db(), (await createUser(db(), { name: "Token Owner" })).id);
    other = await actorFor(db(), (await createUser(db(), { name: "Someone Else" })).id);
  });

  it("returns the token once and stores only its SHA-256 and a short prefix", async () => {
    const { token, row } = await createApiToken(db(), owner, { name: "CI script", expiresInDays: 30 });
    expect(token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.prefix).toBe(token.slice(0, 12));
    const [stored] = await db().select().from(apiTokens).where(eq(apiTokens.id, row.id));
    expect(JSON.stringify(stored)).not.toContain(token.slice(12));
    const days = (stored!.expiresAt!.getTime() - stored!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 5);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "token.create"), eq(auditLog.targetId, row.id)));
    expect(audit).toMatchObject({ actorId: owner.userId, requestId: "test-request", details: { name: "CI script", prefix: row.prefix } });
    expect(JSON.stringify(audit)).not.toContain(token.slice(12));
  });

  it("makes a distinct token every time, and one without expiry when asked", async () => {
    const a = await createApiToken(db(), owner, { name: "a", expiresInDays: null });
    const b = await createApiToken(db(), owner, { name: "b", expiresInDays: "never" });
    expect(a.token).not.toBe(b.token);
    expect(a.row.expiresAt).toBeNull();
    expect(b.row.expiresAt).toBeNull();
  });

  it("refuses a bad name or lifetime with field errors", async () => {
    await expect(createApiToken(db(), owner, { name: "  ", expiresInDays: 30 })).rejects.toMatchObject({ code: "invalid", fieldErrors: { name: expect.any(Array) } });
    await expect(createApiToken(db(), owner, { name: "x", expiresInDays: 12 })).rejects.toMatchObject({ code: "invalid", fieldErrors: { expiresInDays: expect.any(Array) } });
  });

  it("authenticates a bearer token as its user and marks it used at most once a minute", async () => {
    const { token, row } = await createApiToken(db(), owner, { name: "used" });
    expect(row.lastUsedAt).toBeNull();
    const actor = await actorFromBearer(db(), `Bearer ${token}`, "req-1");
    expect(actor).toMatchObject({ userId: owner.userId, email: owner.email, requestId: "req-1" });
    const [first] = await db().select().from(apiTokens).where(eq(apiTokens.id, row.id));
    expect(first!.lastUsedAt).toBeInstanceOf(Date);
    await actorFromBearer(db(), `bearer ${token}`);
    const [second] = await db().select().from(apiTokens).where(eq(apiTokens.id, row.id));
    expect(second!.lastUsedAt!.getTime()).toBe(first!.lastUsedAt!.getTime());
    await db().update(apiTokens).set({ lastUsedAt: new Date(Date.now() - 5 * 60_000) }).where(eq(apiTokens.id, row.id));
    await actorFromBearer(db(), `Bearer ${token}`);
    const [third] = await db().select().from(apiTokens).where(eq(apiTokens.id, row.id));
    expect(Date.now() - third!.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });

  it("answers null for unknown, malformed, expired and revoked tokens", async () => {
    const { token, row } = await createApiToken(db(), owner, { name: "short-lived", expiresInDays: 7 });
    expect(await actorFromBearer(db(), `Bearer ${token}`)).not.toBeNull();
    for (const header of [null, "", "Bearer", `Basic ${token}`, token, `Bearer ${token}x`, `Bearer tdm_${"A".repeat(43)}`]) {
      expect(await actorFromBearer(db(), header)).toBeNull();
    }
    await db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, row.id));
    expect(await actorFromBearer(db(), `Bearer ${token}`)).toBeNull();

    const revoked = await createApiToken(db(), owner, { name: "to revoke" });
    expect(await actorFromBearer(db(), `Bearer ${revoked.token}`)).not.toBeNull();
    await revokeApiToken(db(), owner, { id: revoked.row.id });
    expect(await actorFromBearer(db(), `Bearer ${revoked.token}`)).toBeNull();
  });

  it("answers null once the token's user is deactivated", async () => {
    const user = await createUser(db(), { name: "Leaver" });
    const { token } = await createApiToken(db(), await actorFor(db(), user.id), { name: "leaver's" });
    expect(await actorFromBearer(db(), `Bearer ${token}`)).toMatchObject({ userId: user.id });
    await db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, user.id));
    expect(await actorFromBearer(db(), `Bearer ${token}`)).toBeNull();
  });

  it("lists only the caller's own tokens", async () => {
    const mine = await createApiToken(db(), other, { name: "other's only" });
    const listed = await listApiTokens(db(), other);
    expect(listed.map((t) => t.id)).toEqual([mine.row.id]);
    expect((await listApiTokens(db(), owner)).some((t) => t.id === mine.row.id)).toBe(false);
  });

  it("revokes only the caller's own tokens: someone else's id is not found and keeps working", async () => {
    const { token, row } = await createApiToken(db(), other, { name: "not yours" });
    expect(await codeOf(revokeApiToken(db(), owner, { id: row.id }))).toBe("not_found");
    expect(await codeOf(revokeApiToken(db(), owner, { id: "not-a-uuid" }))).toBe("not_found");
    expect(await actorFromBearer(db(), `Bearer ${token}`)).toMatchObject({ userId: other.userId });

    const revoked = await revokeApiToken(db(), other, { id: row.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await revokeApiToken(db(), other, { id: row.id });
    expect(again.revokedAt!.getTime()).toBe(revoked.revokedAt!.getTime());
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, "token.revoke"), eq(auditLog.targetId, row.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: other.userId, details: { name: "not yours", prefix: row.prefix } });
  });
});

it("bearerToken reads only the Bearer scheme", () => {
  expect(bearerToken("Bearer abc")).toBe("abc");
  expect(bearerToken("bearer   abc ")).toBe("abc");
  expect(bearerToken("Basic abc")).toBeNull();
  expect(bearerToken("Bearer a b")).toBeNull();
  expect(bearerToken(undefined)).toBeNull();
});
