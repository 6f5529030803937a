import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createUser } from "@/db/testing/factories";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, verifyCredentials } from "./credentials";
import { hashPassword } from "./password";

describeDb("sign-in with credentials", (db) => {
  let email = "";
  let userId = "";
  beforeAll(async () => {
    const u = await createUser(db(), { name: "Signer", passwordHash: await hashPassword("correct horse") });
    email = u.email;
    userId = u.id;
  });
  const attempt = (e: string, password: string, ip = "10.0.0.1") => verifyCredentials(db(), { email: e, password }, { ip });

  it("signs in with the right password, case-insensitively by email, and audits it", async () => {
    const user = await attempt(email.toUpperCase(), "correct horse");
    expect(user).toMatchObject({ id: userId, email });
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_in"), eq(auditLog.actorId, userId)));
    expect(rows.at(-1)).toMatchObject({ outcome: "success", targetId: email });
  });

  it("answers a wrong password, an unknown account and bad input alike", async () => {
    expect(await attempt(email, "wrong", "10.0.0.2")).toBeNull();
    expect(await attempt("nobody@example.test", "whatever", "10.0.0.2")).toBeNull();
    expect(await attempt("not-an-email", "", "10.0.0.2")).toBeNull();
    const failures = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_in"), eq(auditLog.outcome, "failure")));
    expect(failures.map((f) => f.details.reason)).toEqual(["wrong_password", "unknown_account", "unknown_account"]);
  });

  it("refuses a deactivated account with the same answer", async () => {
    const u = await createUser(db(), { passwordHash: await hashPassword("pw-1234") });
    await db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, u.id));
    expect(await attempt(u.email, "pw-1234", "10.0.0.3")).toBeNull();
  });

  it("locks an account after repeated failures, even for the right password, from any IP", async () => {
    const u = await createUser(db(), { passwordHash: await hashPassword("s3cret") });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect(await attempt(u.email, "nope", `10.1.0.${i}`)).toBeNull();
    await expect(attempt(u.email, "s3cret", "10.9.9.9")).rejects.toMatchObject({ code: "rate_limited" });
    const [denied] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, u.email), eq(auditLog.outcome, "denied")));
    expect(denied?.details.reason).toBe("rate_limited");
  });

  it("limits one IP trying many accounts", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await attempt(`spray${i}@example.test`, "x", "10.2.0.1");
    await expect(attempt(email, "correct horse", "10.2.0.1")).rejects.toMatchObject({ code: "rate_limited" });
    expect(await attempt(email, "correct horse", "10.2.0.2")).toMatchObject({ id: userId });
  });

  it("a success clears the account's failures", async () => {
    const u = await createUser(db(), { passwordHash: await hashPassword("pw") });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await attempt(u.email, "no", "10.3.0.1");
    expect(await attempt(u.email, "pw", "10.3.0.2")).not.toBeNull();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await attempt(u.email, "no", "10.3.0.3");
    expect(await attempt(u.email, "pw", "10.3.0.4")).not.toBeNull();
  });
});
