import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { RateLimited } from "@/lib/errors";
import { verifyPassword } from "./password";
import { clearHits, countHits, recordHit } from "./rate-limit";

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export type SignInContext = { ip: string; requestId?: string };
export type SignedInUser = { id: string; email: string; name: string };

/**
 * Checks an email and password. Returns the user, or null for every kind of wrong (unknown account,
 * wrong password, deactivated): one answer, so accounts cannot be enumerated. Failures are counted
 * per account and per IP; past the limit it throws RateLimited without checking the password.
 */
export async function verifyCredentials(db: Db, input: unknown, ctx: SignInContext): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email : String((input as { email?: unknown })?.email ?? "").slice(0, 320);
  const accountBucket = `sign-in:account:${email.toLowerCase()}`;
  const ipBucket = `sign-in:ip:${ctx.ip}`;
  const audit = (outcome: "success" | "failure" | "denied", actorId: string | null, reason: string) =>
    appendAudit(db, {
      actorId,
      action: "auth.sign_in",
      targetType: "user",
      targetId: email,
      outcome,
      requestId: ctx.requestId,
      details: { ip: ctx.ip, reason },
    });

  const [accountFailures, ipFailures] = await Promise.all([
    countHits(db, accountBucket, SIGN_IN_WINDOW_MS),
    countHits(db, ipBucket, SIGN_IN_WINDOW_MS),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || ipFailures >= MAX_FAILURES_PER_IP) {
    await audit("denied", null, "rate_limited");
    throw new RateLimited("Too many sign-in attempts. Wait 15 minutes and try again.");
  }

  const [user] = parsed.success ? await db.select().from(users).where(eq(users.email, parsed.data.email)).limit(1) : [];
  const passwordOk = await verifyPassword(parsed.success ? parsed.data.password : "", user?.passwordHash);
  if (!user || !passwordOk || user.deactivatedAt) {
    await recordHit(db, [accountBucket, ipBucket]);
    await audit("failure", null, !user ? "unknown_account" : user.deactivatedAt ? "deactivated" : "wrong_password");
    return null;
  }
  await clearHits(db, accountBucket);
  await audit("success", user.id, "password");
  return { id: user.id, email: user.email, name: user.name };
}
