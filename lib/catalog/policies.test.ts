import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { guardrailPolicies } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createTeamWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { BUILTIN_POLICIES, checksForTags, deletePolicy, listPolicies, savePolicy } from "./policies";
import { auditActions, catalogPeople } from "./testing";

/**
 * Guardrail policies: saving (with its audit row), the checks' own validation, one tag per owner, and
 * which policy a tag resolves to for a workflow: its team's, else a global one, else a builtin, never
 * another team's.
 */

/** A team policy tagged `tag` denying `patterns`; `over` replaces any field. */
const denyPolicy = (tag: string, patterns: string[], over: Record<string, unknown> = {}) => ({
  tag,
  checks: [{ kind: "regex_deny", patterns }],
  visibility: "team",
  ...over,
});

describeDb("catalog: guardrail policies", (db) => {
  let w: Awaited<ReturnType<typeof catalogPeople>>;
  beforeAll(async () => {
    w = await catalogPeople(db());
  });

  const platformPolicy = (tag: string, patterns: string[], over: Record<string, unknown> = {}) =>
    savePolicy(db(), w.ada, denyPolicy(tag, patterns, { teamId: w.platform.id, ...over }));
  const policyRow = async (id: string) => (await db().select().from(guardrailPolicies).where(eq(guardrailPolicies.id, id)))[0];
  /** A team of its own (one member, who may write its policies) and that team's workflow. */
  const ownTeam = async () => {
    const { team, wf, actors } = await createTeamWorkflow(db(), { members: ["Tess"] });
    const tess: Actor = actors[0];
    return { team, wf, policy: (tag: string, patterns: string[]) => savePolicy(db(), tess, denyPolicy(tag, patterns, { teamId: team.id })) };
  };
  const denied = (patterns: string[]) => ({ kind: "regex_deny", patterns, on: "both", action: "block" });

  it("creates a team policy with its checks' defaults filled in, and audits guardrail.create", async () => {
    const p = await platformPolicy("no-drop", ["DROP TABLE"], { description: "No destructive SQL." });
    expect(p).toMatchObject({ tag: "no-drop", description: "No destructive SQL.", visibility: "team", ownerTeamId: w.platform.id, checks: [denied(["DROP TABLE"])] });
    expect((await listPolicies(db(), w.vi)).map((x) => x.id)).toContain(p.id);
    expect(await auditActions(db(), p.id)).toEqual(["guardrail.create"]);
  });

  it("replaces an existing policy's tag, description and checks, and audits guardrail.update", async () => {
    const p = await platformPolicy("no-sudo", ["sudo"]);
    const saved = await savePolicy(db(), w.max, { policyId: p.id, tag: "no-root", description: "Edited.", checks: [{ kind: "secrets" }] });
    expect(saved).toMatchObject({ id: p.id, tag: "no-root", description: "Edited.", checks: [{ kind: "secrets", on: "output", action: "block" }] });
    expect(await policyRow(p.id)).toMatchObject({ tag: "no-root", checks: [{ kind: "secrets" }] });
    expect(await auditActions(db(), p.id)).toEqual(["guardrail.create", "guardrail.update"]);
  });

  it("deletes a policy and audits guardrail.delete", async () => {
    const p = await platformPolicy("short-lived", ["x"]);
    expect(await deletePolicy(db(), w.max, { policyId: p.id })).toEqual({ id: p.id });
    expect(await policyRow(p.id)).toBeUndefined();
    expect(await auditActions(db(), p.id)).toEqual(["guardrail.create", "guardrail.delete"]);
  });

  it("refuses a regex_deny check with an invalid pattern, naming the pattern under checks.N.patterns, and saves nothing", async () => {
    const save = savePolicy(db(), w.ada, {
      tag: "bad-regex",
      teamId: w.platform.id,
      checks: [{ kind: "secrets" }, { kind: "regex_deny", patterns: ["fine", "(unclosed"] }],
    });
    await expect(save).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("(unclosed"), fieldErrors: { "checks.1.patterns": ["“(unclosed” is not a valid regular expression."] } });
    expect((await listPolicies(db(), w.ada)).map((p) => p.tag)).not.toContain("bad-regex");
  });

  it("refuses a second policy of the same tag for the same team (Conflict); another team may use the tag", async () => {
    await platformPolicy("one-per-team", ["a"]);
    await expect(platformPolicy("one-per-team", ["b"])).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("“one-per-team” already exists") });
    const theirs = await savePolicy(db(), w.gus, denyPolicy("one-per-team", ["c"], { teamId: w.growth.id }));
    expect(theirs.ownerTeamId).toBe(w.growth.id);
  });

  it("answers NotFound to another team's admin who edits or deletes a team's policy", async () => {
    const p = await platformPolicy("platform-private", ["x"]);
    await expect(savePolicy(db(), w.gus, { policyId: p.id, tag: "platform-private", checks: [{ kind: "secrets" }] })).rejects.toMatchObject({ code: "not_found" });
    await expect(deletePolicy(db(), w.gus, { policyId: p.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await listPolicies(db(), w.gus)).map((x) => x.id)).not.toContain(p.id);
    expect(await policyRow(p.id)).toMatchObject({ checks: [denied(["x"])] });
  });

  it("refuses a viewer who edits or deletes a team's policy (Forbidden)", async () => {
    const p = await platformPolicy("viewer-proof", ["x"]);
    await expect(savePolicy(db(), w.vi, { policyId: p.id, tag: "viewer-proof", checks: [{ kind: "secrets" }] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deletePolicy(db(), w.vi, { policyId: p.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await policyRow(p.id)).toMatchObject({ checks: [denied(["x"])] });
  });

  it("resolves a tag to the workflow's team's policy and never to another team's", async () => {
    const mine = await ownTeam();
    const other = await ownTeam();
    await mine.policy("no-drop-sql", ["DROP TABLE"]);
    await other.policy("no-drop-sql", ["TRUNCATE"]);
    await other.policy("their-only", ["anything"]);
    expect(await checksForTags(db(), mine.wf, ["no-drop-sql", "their-only"])).toEqual({
      checks: [{ tag: "no-drop-sql", check: denied(["DROP TABLE"]) }],
      unknown: ["their-only"],
    });
  });

  it("applies a global policy to a team that has none of that tag", async () => {
    const mine = await ownTeam();
    await savePolicy(db(), w.root, denyPolicy("no-eval", ["eval\\("], { visibility: "global" }));
    expect(await checksForTags(db(), mine.wf, ["no-eval"])).toEqual({ checks: [{ tag: "no-eval", check: denied(["eval\\("]) }], unknown: [] });
  });

  it("prefers the team's policy over a global one of the same tag", async () => {
    const mine = await ownTeam();
    const other = await ownTeam();
    await savePolicy(db(), w.root, denyPolicy("no-shell", ["rm -rf"], { visibility: "global" }));
    await mine.policy("no-shell", ["sudo"]);
    expect((await checksForTags(db(), mine.wf, ["no-shell"])).checks).toEqual([{ tag: "no-shell", check: denied(["sudo"]) }]);
    expect((await checksForTags(db(), other.wf, ["no-shell"])).checks).toEqual([{ tag: "no-shell", check: denied(["rm -rf"]) }]);
  });

  it("knows the builtin tags secrets and needs-approval with no policy written", async () => {
    const mine = await ownTeam();
    expect(await checksForTags(db(), mine.wf, ["secrets", "needs-approval"])).toEqual({
      checks: [
        { tag: "secrets", check: BUILTIN_POLICIES.secrets!.checks[0] },
        { tag: "needs-approval", check: { kind: "needs_approval", reason: "" } },
      ],
      unknown: [],
    });
    expect(BUILTIN_POLICIES.secrets!.checks).toEqual([{ kind: "secrets", on: "output", action: "block" }]);
  });

  it("replaces a builtin tag by the team's written policy of that tag, for that team only", async () => {
    const mine = await ownTeam();
    const other = await ownTeam();
    await mine.policy("secrets", ["internal\\.example"]);
    expect((await checksForTags(db(), mine.wf, ["secrets"])).checks).toEqual([{ tag: "secrets", check: denied(["internal\\.example"]) }]);
    expect((await checksForTags(db(), other.wf, ["secrets"])).checks).toEqual([{ tag: "secrets", check: BUILTIN_POLICIES.secrets!.checks[0] }]);
  });

  it("returns tags nothing defines in unknown, once each", async () => {
    const mine = await ownTeam();
    const { checks, unknown } = await checksForTags(db(), mine.wf, ["no-such-tag", "secrets", "no-such-tag", "nor-this"]);
    expect(unknown).toEqual(["no-such-tag", "nor-this"]);
    expect(checks.map((c) => c.tag)).toEqual(["secrets"]);
  });
});
