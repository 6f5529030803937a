import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, secrets } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createTeam, createUser } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { decryptSecret } from "./crypto";
import { deleteSecret, listSecretGroups, listSecrets, maskSecrets, requireSecrets, resolveSecret, setSecret } from "./store";

// A fixed test key keeps tests from writing a key file into the repository.
process.env.TANDEM_SECRET_KEY ??= "7a".repeat(32);

const VALUE = "ghp_s3cr3t-VALUE-never-shown";

describeDb("secrets: store", (db) => {
  let w: { platform: { id: string; name: string }; other: { id: string }; admin: Actor; member: Actor; viewer: Actor; outsider: Actor; instanceAdmin: Actor };
  beforeAll(async () => {
    const platform = await createTeam(db(), { name: "Platform" });
    const other = await createTeam(db(), { name: "Elsewhere" });
    const people = await Promise.all(["Ada Admin", "Max Member", "Vi Viewer", "Oz Outsider"].map((name) => createUser(db(), { name })));
    const root = await createUser(db(), { name: "Root", isAdmin: true });
    await addMember(db(), platform.id, people[0]!.id, "admin");
    await addMember(db(), platform.id, people[1]!.id, "member");
    await addMember(db(), platform.id, people[2]!.id, "viewer");
    await addMember(db(), other.id, people[3]!.id, "admin");
    const [admin, member, viewer, outsider, instanceAdmin] = await Promise.all([...people, root].map((u) => actorFor(db(), u.id)));
    w = { platform, other, admin: admin!, member: member!, viewer: viewer!, outsider: outsider!, instanceAdmin: instanceAdmin! };
  });
  const team = (over: Record<string, unknown> = {}) => ({ scope: "team", teamId: w.platform.id, ...over });

  describe("setting", () => {
    it("creates and replaces a team secret (admin only), storing only its encryption", async () => {
      const created = await setSecret(db(), w.admin, team({ name: "DEPLOY_KEY", value: VALUE }));
      expect(created).toMatchObject({ name: "DEPLOY_KEY", scope: "team", teamId: w.platform.id, updatedByName: "Ada Admin" });
      expect(JSON.stringify(created)).not.toContain(VALUE);
      const [row] = await db().select().from(secrets).where(and(eq(secrets.teamId, w.platform.id), eq(secrets.name, "DEPLOY_KEY")));
      expect(row!.ciphertext).not.toContain(VALUE);
      expect(row!.ciphertext).toMatch(/^v1:/);
      expect(decryptSecret(row!.ciphertext)).toBe(VALUE);

      await setSecret(db(), w.admin, team({ name: "DEPLOY_KEY", value: "replaced-value" }));
      const rows = await db().select().from(secrets).where(eq(secrets.name, "DEPLOY_KEY"));
      expect(rows).toHaveLength(1);
      expect(decryptSecret(rows[0]!.ciphertext)).toBe("replaced-value");
    });

    it("refuses members and viewers (403) and answers 404 for a team the actor is not in, or an unknown one", async () => {
      await expect(setSecret(db(), w.member, team({ name: "NOPE", value: "x" }))).rejects.toMatchObject({ code: "forbidden" });
      await expect(setSecret(db(), w.viewer, team({ name: "NOPE", value: "x" }))).rejects.toMatchObject({ code: "forbidden" });
      const foreign = setSecret(db(), w.outsider, team({ name: "NOPE", value: "x" }));
      await expect(foreign).rejects.toMatchObject({ code: "not_found", message: "The team was not found." });
      const unknown = setSecret(db(), w.outsider, team({ teamId: crypto.randomUUID(), name: "NOPE", value: "x" }));
      await expect(unknown).rejects.toMatchObject({ code: "not_found", message: "The team was not found." });
      await expect(setSecret(db(), w.outsider, team({ teamId: "not-a-uuid", name: "NOPE", value: "x" }))).rejects.toMatchObject({ code: "not_found", message: "The team was not found." });
      // An instance admin sees only their own teams' secrets, like every other reader.
      await expect(listSecrets(db(), w.instanceAdmin, team())).rejects.toMatchObject({ code: "not_found" });
      expect(await db().select().from(secrets).where(eq(secrets.name, "NOPE"))).toHaveLength(0);
    });

    it("keeps user secrets per user, whatever team id comes along", async () => {
      await setSecret(db(), w.member, { scope: "user", teamId: w.other.id, name: "MY_TOKEN", value: "member-own" });
      await setSecret(db(), w.outsider, { scope: "user", name: "MY_TOKEN", value: "outsider-own" });
      const [mine] = await db().select().from(secrets).where(and(eq(secrets.userId, w.member.userId), eq(secrets.name, "MY_TOKEN")));
      expect(mine!.teamId).toBeNull();
      expect((await listSecrets(db(), w.member, { scope: "user" })).map((s) => s.name)).toContain("MY_TOKEN");
      expect(await resolveSecret(db(), { userId: w.member.userId, teamId: null }, "MY_TOKEN")).toBe("member-own");
      expect(await resolveSecret(db(), { userId: w.outsider.userId, teamId: null }, "MY_TOKEN")).toBe("outsider-own");
    });

    it("says what is wrong with a name, a value or a scope, without echoing the value", async () => {
      for (const name of ["1ABC", "has-dash", "", "A".repeat(65), "spa ce"]) {
        await expect(setSecret(db(), w.member, { scope: "user", name, value: "x" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { name: expect.any(Array) } });
      }
      const bad = setSecret(db(), w.member, { scope: "user", name: "has-dash", value: "x" });
      await expect(bad).rejects.toMatchObject({ message: expect.stringContaining("starts with a letter") });
      await expect(setSecret(db(), w.member, { scope: "user", name: "EMPTY", value: "" })).rejects.toMatchObject({ fieldErrors: { value: expect.any(Array) } });
      const long = "v".repeat(16_385);
      const tooLong = await setSecret(db(), w.member, { scope: "user", name: "LONG", value: long }).catch((e) => e);
      expect(tooLong).toMatchObject({ code: "invalid", fieldErrors: { value: [expect.stringContaining("16,384")] } });
      expect(JSON.stringify(tooLong.fieldErrors)).not.toContain("vvvv");
      await setSecret(db(), w.member, { scope: "user", name: "LONGEST", value: "v".repeat(16_384) });
      await expect(setSecret(db(), w.member, { scope: "team", name: "X", value: "x" })).rejects.toMatchObject({ fieldErrors: { teamId: expect.any(Array) } });
      await expect(setSecret(db(), w.member, { scope: "both", name: "X", value: "x" })).rejects.toMatchObject({ fieldErrors: { scope: expect.any(Array) } });
    });
  });

  describe("listing and deleting", () => {
    it("lists names, scope, time and who set it last to every team member, never values", async () => {
      await setSecret(db(), w.admin, team({ name: "A_LISTED", value: VALUE }));
      for (const reader of [w.admin, w.member, w.viewer]) {
        const list = await listSecrets(db(), reader, team());
        expect(list.map((s) => s.name)).toEqual([...list.map((s) => s.name)].sort());
        expect(list.find((s) => s.name === "A_LISTED")).toMatchObject({ scope: "team", teamId: w.platform.id, updatedByName: "Ada Admin", updatedAt: expect.any(String) });
        expect(JSON.stringify(list)).not.toContain(VALUE);
        expect(JSON.stringify(list)).not.toContain("v1:");
      }
      await expect(listSecrets(db(), w.outsider, team())).rejects.toMatchObject({ code: "not_found" });
      expect((await listSecrets(db(), w.outsider, { scope: "user" })).map((s) => s.name)).not.toContain("A_LISTED");
    });

    it("groups the page's secrets: the actor's own, then each of their teams, saying who may change them", async () => {
      const forAdmin = await listSecretGroups(db(), w.admin);
      expect(forAdmin.map((g) => [g.scope, g.label, g.canManage])).toEqual([
        ["user", "Yours", true],
        ["team", "Platform", true],
      ]);
      expect(forAdmin[1]!.secrets.map((s) => s.name)).toContain("A_LISTED");
      expect((await listSecretGroups(db(), w.member)).map((g) => g.canManage)).toEqual([true, false]);
      const forOutsider = await listSecretGroups(db(), w.outsider);
      expect(forOutsider.map((g) => g.label)).toEqual(["Yours", "Elsewhere"]);
      expect(JSON.stringify(forOutsider)).not.toContain("A_LISTED");
    });

    it("deletes for admins only; an unknown name is not found", async () => {
      await setSecret(db(), w.admin, team({ name: "GOES_AWAY", value: VALUE }));
      await expect(deleteSecret(db(), w.member, team({ name: "GOES_AWAY" }))).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteSecret(db(), w.outsider, team({ name: "GOES_AWAY" }))).rejects.toMatchObject({ code: "not_found" });
      // Someone else's user secret of the same name is not theirs to delete.
      await expect(deleteSecret(db(), w.outsider, { scope: "user", name: "GOES_AWAY" })).rejects.toMatchObject({ code: "not_found", message: "The secret was not found." });
      expect(await deleteSecret(db(), w.admin, team({ name: "GOES_AWAY" }))).toEqual({ name: "GOES_AWAY", scope: "team", teamId: w.platform.id });
      await expect(deleteSecret(db(), w.admin, team({ name: "GOES_AWAY" }))).rejects.toMatchObject({ code: "not_found" });
      expect(await resolveSecret(db(), { userId: null, teamId: w.platform.id }, "GOES_AWAY")).toBeNull();
    });

    it("audits set and delete with scope and name, and no audit row ever holds a value", async () => {
      await setSecret(db(), w.admin, team({ name: "AUDITED", value: VALUE }));
      await setSecret(db(), w.admin, team({ name: "AUDITED", value: `${VALUE}-2` }));
      await deleteSecret(db(), w.admin, team({ name: "AUDITED" }));
      const rows = await db().select().from(auditLog).where(like(auditLog.action, "secret.%")).orderBy(auditLog.seq);
      const mine = rows.filter((r) => r.details.name === "AUDITED");
      expect(mine.map((r) => [r.action, r.details.replaced])).toEqual([
        ["secret.set", false],
        ["secret.set", true],
        ["secret.delete", undefined],
      ]);
      expect(mine[0]).toMatchObject({ actorId: w.admin.userId, targetType: "secret", details: { scope: "team", teamId: w.platform.id } });
      const all = JSON.stringify(await db().select().from(auditLog));
      for (const secret of [VALUE, "replaced-value", "member-own", "outsider-own", "v1:"]) expect(all).not.toContain(secret);
    });
  });

  describe("using", () => {
    it("resolves the user's own secret first, then the team's, else null", async () => {
      await setSecret(db(), w.admin, team({ name: "SHARED", value: "team-value" }));
      const owner = { userId: w.member.userId, teamId: w.platform.id };
      expect(await resolveSecret(db(), owner, "SHARED")).toBe("team-value");
      await setSecret(db(), w.member, { scope: "user", name: "SHARED", value: "member-value" });
      expect(await resolveSecret(db(), owner, "SHARED")).toBe("member-value");
      expect(await resolveSecret(db(), { userId: w.viewer.userId, teamId: w.platform.id }, "SHARED")).toBe("team-value");
      expect(await resolveSecret(db(), { userId: null, teamId: w.platform.id }, "SHARED")).toBe("team-value");
      expect(await resolveSecret(db(), { userId: w.member.userId, teamId: w.other.id }, "SHARED")).toBe("member-value");
      expect(await resolveSecret(db(), { userId: w.outsider.userId, teamId: w.other.id }, "SHARED")).toBeNull();
      expect(await resolveSecret(db(), owner, "MISSING")).toBeNull();
      expect(await resolveSecret(db(), owner, "not a name")).toBeNull();
      expect(await resolveSecret(db(), { userId: null, teamId: null }, "SHARED")).toBeNull();
    });

    it("requireSecrets returns every value or names each missing one and where it looked", async () => {
      await setSecret(db(), w.admin, team({ name: "PRESENT", value: "here" }));
      const owner = { userId: w.member.userId, teamId: w.platform.id };
      expect(await requireSecrets(db(), owner, ["PRESENT", "SHARED"])).toEqual({ PRESENT: "here", SHARED: "member-value" });
      await expect(requireSecrets(db(), owner, ["PRESENT", "GITHUB_TOKEN"])).rejects.toMatchObject({
        code: "invalid",
        message: "This needs the secret “GITHUB_TOKEN”, which is not set for the team Platform or for you. Add it in Settings → Secrets.",
      });
      await expect(requireSecrets(db(), owner, ["A_ONE", "PRESENT", "B_TWO", "C_THREE", "A_ONE"])).rejects.toMatchObject({
        message: "This needs the secrets “A_ONE”, “B_TWO” and “C_THREE”, which are not set for the team Platform or for you. Add them in Settings → Secrets.",
      });
      await expect(requireSecrets(db(), { userId: null, teamId: w.platform.id }, ["GITHUB_TOKEN"])).rejects.toMatchObject({
        message: "This needs the secret “GITHUB_TOKEN”, which is not set for the team Platform. Add it in Settings → Secrets.",
      });
      await expect(requireSecrets(db(), { userId: w.member.userId, teamId: null }, ["GITHUB_TOKEN"])).rejects.toMatchObject({
        message: "This needs the secret “GITHUB_TOKEN”, which is not set for you. Add it in Settings → Secrets.",
      });
      expect(await requireSecrets(db(), owner, [])).toEqual({});
    });
  });
});

describe("maskSecrets", () => {
  it("masks each value of four characters or more, wherever it appears", () => {
    expect(maskSecrets("token=abcd1234 and again abcd1234.", ["abcd1234"])).toBe("token=•••• and again ••••.");
    expect(maskSecrets("pin 123 stays", ["123"])).toBe("pin 123 stays");
    expect(maskSecrets("nothing here", [])).toBe("nothing here");
  });

  it("masks the longer of two overlapping values whole, and JSON-escaped forms", () => {
    expect(maskSecrets("key=secret-long", ["secret", "secret-long"])).toBe("key=••••");
    const quoted = 'pa"ss\\word';
    expect(maskSecrets(JSON.stringify({ auth: quoted }), [quoted])).toBe('{"auth":"••••"}');
  });
});
