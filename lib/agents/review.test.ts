import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agentOutcomes, agentRecommendations, auditLog } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import { moveItem } from "@/lib/work-items/move";
import { createItem } from "@/lib/work-items/service";
import { runAgentAssist } from "./assist";
import { acceptRecommendation, listItemRecommendations, rejectRecommendation, requestRecommendation } from "./review";
import { createRepo, gitIn, useTempRepoRoot } from "./testing";
import type { Plan } from "./types";

const repoRoot = useTempRepoRoot();
let n = 0;

describeDb("agent assist: reviewing a recommendation", (db) => {
  /** Ann (admin: code.edit), Ben (member), Vic (viewer) in one team; Oz in another. A proposed rename. */
  async function proposed(targetPath?: string) {
    const name = `repo-${n++}`;
    const repo = createRepo(repoRoot(), name, { "lib/a.ts": "export const oldName = 1;\n", "lib/b.ts": 'import { oldName } from "./a";\nexport const b = oldName + 1;\n' });
    const team = await createTeam(db());
    const other = await createTeam(db());
    const [ann, ben, vic, oz] = [await createUser(db(), { name: "Ann" }), await createUser(db(), { name: "Ben" }), await createUser(db(), { name: "Vic" }), await createUser(db(), { name: "Oz" })];
    await addMember(db(), team.id, ann.id, "admin");
    await addMember(db(), team.id, ben.id, "member");
    await addMember(db(), team.id, vic.id, "viewer");
    await addMember(db(), other.id, oz.id, "admin");
    const wf = await createWorkflow(db(), {
      ownerUserId: ben.id,
      ownerTeamId: team.id,
      visibility: "team",
      stages: [{ name: "To do" }, { name: "Assist", type: "AGENT_ASSIST", config: { agentPrompt: "Rename oldName to newName", agentTargetPath: targetPath ?? name } }],
    });
    const a = { ann: await actorFor(db(), ann.id), ben: await actorFor(db(), ben.id), vic: await actorFor(db(), vic.id), oz: await actorFor(db(), oz.id) };
    const item = await createItem(db(), a.ben, { workflowId: wf.id, title: "Naming" });
    await moveItem(db(), a.ben, { id: item.id, toStageId: wf.stages[1]!.id });
    const [pending] = await db().select().from(agentRecommendations).where(eq(agentRecommendations.workItemId, item.id));
    const rec = (await runAgentAssist(db(), pending!.id))!;
    expect(rec.status).toBe("proposed");
    return { repo, wf, item, a, rec };
  }

  const outcomesOf = async (id: string) => (await db().select().from(agentOutcomes).where(eq(agentOutcomes.recommendationId, id))).map((o) => o.kind);
  const auditOf = async (id: string, action: string) => db().select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, action)));

  it("lists an item's recommendations with what the viewer may do", async () => {
    const { item, a } = await proposed();
    expect((await listItemRecommendations(db(), a.ann, item.id))[0]).toMatchObject({ canReview: true, canApply: true });
    expect((await listItemRecommendations(db(), a.ben, item.id))[0]).toMatchObject({ canReview: true, canApply: false });
    expect((await listItemRecommendations(db(), a.vic, item.id))[0]).toMatchObject({ canReview: false, canApply: false });
    await expect(listItemRecommendations(db(), a.oz, item.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("accepting with code.edit applies the patch on a new branch, once", async () => {
    const { rec, a, repo } = await proposed();
    const { recommendation, applied } = await acceptRecommendation(db(), a.ann, { id: rec.id });
    expect(recommendation).toMatchObject({ status: "accepted", reviewerId: a.ann.userId, editDiff: null });
    expect(applied).toMatchObject({ ok: true, files: ["lib/a.ts", "lib/b.ts"] });
    const commit = (applied as { commit: string }).commit;
    expect(gitIn(repo, "log", "-1", "--format=%an", commit).trim()).toBe("Ann");
    expect(await outcomesOf(rec.id)).toEqual(expect.arrayContaining(["accepted", "apply_success"]));
    expect(await auditOf(rec.id, "agent.recommendation.accept")).toHaveLength(1);
    expect(await auditOf(rec.id, "agent.apply")).toHaveLength(1);
    await expect(acceptRecommendation(db(), a.ann, { id: rec.id })).rejects.toMatchObject({ code: "conflict", message: "This recommendation was already accepted." });
  });

  it("accepting without code.edit accepts the plan and leaves the patch unapplied", async () => {
    const { rec, a, repo } = await proposed();
    const head = gitIn(repo, "rev-parse", "HEAD");
    const { recommendation, applied } = await acceptRecommendation(db(), a.ben, { id: rec.id });
    expect(recommendation.status).toBe("accepted");
    expect(applied).toBeNull();
    expect(gitIn(repo, "rev-parse", "HEAD")).toBe(head);
  });

  it("a patch that no longer applies keeps the proposal open and records the failure", async () => {
    const { rec, a, repo } = await proposed();
    gitIn(repo, "rm", "-q", "lib/b.ts");
    gitIn(repo, "commit", "-qm", "drop b");
    const { recommendation, applied } = await acceptRecommendation(db(), a.ann, { id: rec.id });
    expect(applied).toMatchObject({ ok: false });
    expect(recommendation).toMatchObject({ status: "proposed", reviewerId: null, applyResult: applied });
    expect(await outcomesOf(rec.id)).toEqual(["apply_failure"]);
    expect(gitIn(repo, "status", "--porcelain")).toBe("");
  });

  it("an edited plan is accepted with the difference kept, and counted as edited", async () => {
    const { rec, a } = await proposed();
    const plan = rec.plan as Plan;
    const edited: Plan = { ...plan, summary: "Rename it, carefully", steps: [...plan.steps, { title: "Tell the team", description: "", risk: "low", estimate_minutes: 5, files: [] }] };
    const { recommendation } = await acceptRecommendation(db(), a.ben, { id: rec.id, plan: JSON.stringify(edited), apply: false });
    expect(recommendation.editDiff).toEqual({ plan: ["Summary changed.", "Step added: Tell the team (low, 5 min)."], patch: { changed: false, linesAdded: 0, linesRemoved: 0 } });
    expect(recommendation.editedPlan).toEqual(edited);
    expect(await outcomesOf(rec.id)).toEqual(["edited"]);
    expect(await auditOf(rec.id, "agent.recommendation.edit_accept")).toHaveLength(1);
  });

  it("an edited plan that is not a plan is refused with the field at fault", async () => {
    const { rec, a } = await proposed();
    await expect(acceptRecommendation(db(), a.ben, { id: rec.id, plan: '{"summary": "x", "steps": []}' })).rejects.toMatchObject({ code: "invalid", message: "steps: A plan has at least one step." });
    await expect(acceptRecommendation(db(), a.ben, { id: rec.id, plan: "{not json" })).rejects.toMatchObject({ code: "invalid" });
    expect((await db().select().from(agentRecommendations).where(eq(agentRecommendations.id, rec.id)))[0]!.status).toBe("proposed");
  });

  it("a patch added to a recommendation about no repository is refused, saying why", async () => {
    const { rec, a } = await proposed("");
    expect(rec.patch).toBeNull();
    const patch = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n";
    await expect(acceptRecommendation(db(), a.ann, { id: rec.id, patch })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("about no repository") });
    expect((await acceptRecommendation(db(), a.ann, { id: rec.id, patch, apply: false })).applied).toBeNull();
  });

  describe("rejecting", () => {
    it("needs a reason, is recorded and counted", async () => {
      const { rec, a } = await proposed();
      await expect(rejectRecommendation(db(), a.ben, { id: rec.id, reason: "  " })).rejects.toMatchObject({ code: "invalid" });
      const stored = await rejectRecommendation(db(), a.ben, { id: rec.id, reason: "We keep the old name for the public API." });
      expect(stored).toMatchObject({ status: "rejected", decisionReason: "We keep the old name for the public API.", reviewerId: a.ben.userId });
      expect(await outcomesOf(rec.id)).toEqual(["rejected"]);
      expect(await auditOf(rec.id, "agent.recommendation.reject")).toHaveLength(1);
    });

    it("is refused to a viewer, and to another team as if it did not exist", async () => {
      const { rec, a } = await proposed();
      await expect(rejectRecommendation(db(), a.vic, { id: rec.id, reason: "no" })).rejects.toMatchObject({ code: "forbidden" });
      const foreign = await rejectRecommendation(db(), a.oz, { id: rec.id, reason: "no" }).catch((e) => e);
      const missing = await rejectRecommendation(db(), a.oz, { id: crypto.randomUUID(), reason: "no" }).catch((e) => e);
      expect(foreign).toMatchObject({ code: "not_found" });
      expect(foreign.message).toBe(missing.message);
    });
  });

  it("asking again supersedes the open recommendation with a pending one", async () => {
    const { rec, a, item } = await proposed();
    const id = await requestRecommendation(db(), a.ben, item.id);
    const rows = await db().select().from(agentRecommendations).where(eq(agentRecommendations.workItemId, item.id));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [rec.id]: "superseded", [id]: "pending" });
  });
});
