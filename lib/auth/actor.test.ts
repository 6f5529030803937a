import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { users } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { addMember, createTeam, createUser } from "@/db/testing/factories";
import { loadActor, permissionLevel } from "./actor";
import { revokeSession } from "./sessions";

describeDb("the actor behind a session", (db) => {
  it("loads identity, teams and grants", async () => {
    const u = await createUser(db(), { name: "Ann" });
    const t = await createTeam(db(), { name: "Ops" });
    await addMember(db(), t.id, u.id, "admin");
    const actor = await loadActor(db(), u.id, "req-1", "sid-1");
    expect(actor).toMatchObject({ userId: u.id, name: "Ann", requestId: "req-1", memberships: [{ teamId: t.id, role: "admin" }] });
    expect(permissionLevel(actor!, "code.edit", t.id)).toBe("WRITE");
    expect(permissionLevel(actor!, "code.edit", null)).toBe("NONE");
  });

  it("treats a signed-out session as no actor, while the user's other sessions go on", async () => {
    const u = await createUser(db());
    await revokeSession(db(), { sid: "laptop", userId: u.id, expiresAt: new Date(Date.now() + 3600_000) });
    expect(await loadActor(db(), u.id, undefined, "laptop")).toBeNull();
    expect(await loadActor(db(), u.id, undefined, "phone")).not.toBeNull();
  });

  it("treats a deactivated user as no actor", async () => {
    const u = await createUser(db());
    await db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, u.id));
    expect(await loadActor(db(), u.id, undefined, "any")).toBeNull();
  });
});
