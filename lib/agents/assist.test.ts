import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { agentCalls, agentOutcomes, agentRecommendations, auditLog, workItemEvents, workItems } from "@/db/schema";
import type { StageConfig } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import { moveItem } from "@/lib/work-items/move";
import { getBoard } from "@/lib/work-items/queries";
import { createItem } from "@/lib/work-items/service";
import { setSecret } from "@/lib/secrets/store";
import { runAgentAssist } from "./assist";
import { acceptRecommendation, requestRecommendation } from "./review";
import { createRepo, gitIn, useTempRepoRoot } from "./testing";

const FILES = {
  "src/price.ts": "export function priceOf(cents: number) {\n  return cents / 100;\n}\n",
  "src/cart.ts": 'import { priceOf } from "./price";\n\nexport const total = (items: number[]) => items.reduce((s, c) => s + priceOf(c), 0);\n',
  "README.md": "# Shop\n",
};

const repoRoot = useTempRepoRoot();
let n = 0;

describeDb("agent assist: an item entering an agent-assist stage", (db) => {
  /** A team (Ann admin, Ben member) whose workflow has To do → Assist → Done; `owner` owns it. */
  async function world(config: StageConfig, owner: "ann" | "ben" = "ann", settings: { requiredSecrets?: string[] } = {}) {
    const name = `shop-${n++}`;
    const repo = createRepo(repoRoot(), name, FILES);
    const team = await createTeam(db());
    const ann = await createUser(db(), { name: "Ann" });
    const ben = await createUser(db(), { name: "Ben" });
    await addMember(db(), team.id, ann.id, "admin");
    await addMember(db(), team.id, ben.id, "member");
    const wf = await createWorkflow(db(), {
      ownerUserId: owner === "ann" ? ann.id : ben.id,
      ownerTeamId: team.id,
      visibility: "team",
      settings,
      stages: [
        { name: "To do" },
        { name: "Assist", type: "AGENT_ASSIST", config: { agentPrompt: "Rename priceOf to priceFor", agentTargetPath: name, ...config } },
        { name: "Done" },
      ],
    });
    const actors = { ann: await actorFor(db(), ann.id), ben: await actorFor(db(), ben.id) };
    const item = await createItem(db(), actors.ann, { workflowId: wf.id, title: "Clearer price names" });
    await moveItem(db(), actors.ann, { id: item.id, toStageId: wf.stages[1]!.id });
    const [rec] = await db().select().from(agentRecommendations).where(eq(agentRecommendations.workItemId, item.id));
    return { repo, wf, item, actors, team, rec: rec! };
  }

  it("queues a pending recommendation in the move, then stores the engine's plan and patch with its call", async () => {
    const { rec, repo } = await world({});
    expect(rec).toMatchObject({ status: "pending", goal: "Rename priceOf to priceFor\n\nWork item: Clearer price names" });
    const done = await runAgentAssist(db(), rec.id);
    expect(done).toMatchObject({ status: "proposed", engine: "builtin", intent: "refactor", baseCommit: gitIn(repo, "rev-parse", "HEAD").trim(), autoApply: null });
    expect((done!.plan as { steps: unknown[] }).steps.length).toBeGreaterThan(0);
    expect(done!.patch).toContain("+export function priceFor(cents: number) {");
    expect(done!.patch).toContain("diff --git a/src/cart.ts b/src/cart.ts");
    const calls = await db().select().from(agentCalls).where(eq(agentCalls.recommendationId, rec.id));
    expect(calls).toEqual([expect.objectContaining({ verb: "plan", engine: "builtin", ok: true })]);
    // A repeated job finds the row decided and changes nothing.
    expect(await runAgentAssist(db(), rec.id)).toBeNull();
  });

  it("shows on the board card while the agent works, when a plan waits, and when it failed; boards hear of each", async () => {
    const ok = await world({});
    const card = async (w: typeof ok) => (await getBoard({ db: db(), actor: w.actors.ann, workflowId: w.wf.id })).items.find((i) => i.id === w.item.id)!.agent;
    expect(await card(ok)).toEqual({ status: "pending", error: null });
    await runAgentAssist(db(), ok.rec.id);
    expect(await card(ok)).toEqual({ status: "proposed", error: null });
    const feed = await db().select().from(workItemEvents).where(eq(workItemEvents.workItemId, ok.item.id));
    expect(feed.at(-1)).toMatchObject({ kind: "updated", actorId: null, details: { agent: "proposed" } });

    const bad = await world({ agentTargetPath: "nowhere" });
    await runAgentAssist(db(), bad.rec.id);
    expect(await card(bad)).toEqual({ status: "error", error: "A repository at “nowhere” under the allowed roots was not found." });
    await moveItem(db(), bad.actors.ann, { id: bad.item.id, toStageId: bad.wf.stages[2]!.id });
    expect(await card(bad)).toBeNull();
  });

  it("auto-applies on a new branch when the stage allows it and the owner holds code.edit", async () => {
    const { rec, repo, actors } = await world({ agentAutoApply: true }, "ann");
    const done = await runAgentAssist(db(), rec.id);
    expect(done!.autoApply).toMatchObject({ ok: true, files: ["src/cart.ts", "src/price.ts"] });
    const applied = done!.autoApply as { branch: string; commit: string };
    expect(gitIn(repo, "rev-parse", applied.branch).trim()).toBe(applied.commit);
    expect(gitIn(repo, "show", `${applied.commit}:src/price.ts`)).toContain("priceFor");
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "agent.auto_apply"), eq(auditLog.targetId, rec.id)));
    expect(audit).toMatchObject({ outcome: "success", actorId: null });
    const outcomes = await db().select().from(agentOutcomes).where(eq(agentOutcomes.recommendationId, rec.id));
    expect(outcomes.map((o) => o.kind)).toEqual(["apply_success"]);
    // Accepting it afterwards records the decision; the patch is on its branch already and is not applied twice.
    const accepted = await acceptRecommendation(db(), actors.ann, { id: rec.id });
    expect(accepted.recommendation.status).toBe("accepted");
    expect(accepted.applied).toBeNull();
    const after = await db().select().from(agentOutcomes).where(eq(agentOutcomes.recommendationId, rec.id));
    expect(after.map((o) => o.kind).sort()).toEqual(["accepted", "apply_success"]);
  });

  it("does not auto-apply for an owner without code.edit, and says why", async () => {
    const { rec, repo } = await world({ agentAutoApply: true }, "ben");
    const head = gitIn(repo, "rev-parse", "HEAD");
    const done = await runAgentAssist(db(), rec.id);
    expect(done!.status).toBe("proposed");
    expect(done!.autoApply).toEqual({ ok: false, error: expect.stringContaining("does not hold code.edit") });
    expect(gitIn(repo, "rev-parse", "HEAD")).toBe(head);
    expect(gitIn(repo, "branch", "--list").trim()).toBe("* main");
  });

  it("stores an agent failure on the recommendation and leaves the item movable", async () => {
    const { rec, item, wf, actors } = await world({ agentTargetPath: "../../etc" });
    const done = await runAgentAssist(db(), rec.id);
    expect(done).toMatchObject({ status: "error", plan: null });
    expect(done!.error).toMatch(/allowed|outside|No repository/);
    await moveItem(db(), actors.ann, { id: item.id, toStageId: wf.stages[2]!.id });
    const [moved] = await db().select().from(workItems).where(eq(workItems.id, item.id));
    expect(moved!.stageId).toBe(wf.stages[2]!.id);
  });

  it("a stage about no repository (empty target path) plans from the item alone", async () => {
    const { rec } = await world({ agentTargetPath: "", agentPrompt: "Outline the post and draft it in the house voice." });
    const done = await runAgentAssist(db(), rec.id);
    expect(done).toMatchObject({ status: "proposed", repoRoot: null, patch: null, baseCommit: null, engine: "builtin" });
    expect((done!.plan as { summary: string }).summary.length).toBeGreaterThan(0);
  });

  it("is blocked, naming the secret, while a secret the workflow requires is missing; runs once it is set", async () => {
    const first = await world({}, "ann", { requiredSecrets: ["DEPLOY_KEY"] });
    const blocked = await runAgentAssist(db(), first.rec.id);
    expect(blocked).toMatchObject({ status: "error", plan: null });
    expect(blocked!.error).toBe(`This workflow needs the secret “DEPLOY_KEY”, which is not set for the team ${first.team.name} or for its owner Ann. Add it in Settings → Secrets.`);
    await setSecret(db(), first.actors.ann, { scope: "team", teamId: first.team.id, name: "DEPLOY_KEY", value: "s3cr3t-value" });
    const id = await requestRecommendation(db(), first.actors.ann, first.item.id);
    expect((await runAgentAssist(db(), id))!.status).toBe("proposed");
  });

  it("a second entry supersedes the open recommendation", async () => {
    const { rec, item, wf, actors } = await world({});
    await runAgentAssist(db(), rec.id);
    await moveItem(db(), actors.ann, { id: item.id, toStageId: wf.stages[0]!.id });
    await moveItem(db(), actors.ann, { id: item.id, toStageId: wf.stages[1]!.id });
    const rows = await db().select().from(agentRecommendations).where(eq(agentRecommendations.workItemId, item.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["pending", "superseded"]);
  });
});
