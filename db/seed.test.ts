import { asc, count, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { planSchema } from "@/lib/agents/types";
import { loadActor } from "@/lib/auth/actor";
import { listAgents } from "@/lib/catalog/agents";
import { listRoleBindings } from "@/lib/catalog/bindings";
import { listPolicies } from "@/lib/catalog/policies";
import { listVisibleWorkflows } from "@/lib/workflows/queries";
import { definitionSchema, validateDefinition } from "@/lib/workflows/definition";
import {
  agentRecommendations,
  auditLog,
  catalogAgents,
  guardrailPolicies,
  stages,
  users,
  workItemTransitions,
  workItems,
  workflowVersions,
  workflows,
} from "./schema";
import { seed, seedId } from "./seed";
import { describeDb } from "./testing/database";

describeDb("demo seed", (db) => {
  const now = new Date("2026-11-24T12:00:00Z");
  beforeAll(async () => {
    await seed(db(), now);
  });

  const counts = async () => {
    const [[u], [w], [i], [t], [a], [ag], [p]] = await Promise.all([
      db().select({ n: count() }).from(users),
      db().select({ n: count() }).from(workflows),
      db().select({ n: count() }).from(workItems),
      db().select({ n: count() }).from(workItemTransitions),
      db().select({ n: count() }).from(auditLog),
      db().select({ n: count() }).from(catalogAgents),
      db().select({ n: count() }).from(guardrailPolicies),
    ]);
    return { users: u!.n, workflows: w!.n, items: i!.n, transitions: t!.n, audit: a!.n, agents: ag!.n, policies: p!.n };
  };

  it("creates an admin, four users, three global templates, team and personal workflows", async () => {
    const c = await counts();
    expect(c.users).toBe(5);
    expect(c.workflows).toBe(7);
    const templates = await db().select().from(workflows).where(eq(workflows.isTemplate, true));
    expect(templates.map((t) => t.visibility)).toEqual(["global", "global", "global"]);
    expect(c.transitions).toBeGreaterThan(c.items);
  });

  it("gives every workflow a valid first version, with task graphs in the automated stages", async () => {
    const rows = await db().select().from(workflowVersions);
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const def = definitionSchema.parse(row.definition);
      expect(validateDefinition(def)).toEqual([]);
    }
    const review = rows.find((r) => r.workflowId === seedId("workflow:platform-code-review"))!;
    const graphs = definitionSchema.parse(review.definition).stages.map((s) => s.taskGraph?.tasks.length ?? 0);
    expect(graphs).toEqual([0, 4, 0, 4, 0]);
  });

  it("shows run settings in the code review workflows: run timeouts on the automated stages, a limit of runs at a time", async () => {
    const [review] = await db()
      .select()
      .from(workflowVersions)
      .where(eq(workflowVersions.workflowId, seedId("workflow:platform-code-review")));
    const def = definitionSchema.parse(review!.definition);
    expect(def.settings).toEqual({ maxConcurrentRuns: 10, requiredSecrets: [] });
    expect(def.stages.map((s) => s.runTimeoutMs)).toEqual([null, 1_800_000, null, 7_200_000, null]);
    const [personal] = await db()
      .select()
      .from(workflowVersions)
      .where(eq(workflowVersions.workflowId, seedId("workflow:alice-personal")));
    expect(definitionSchema.parse(personal!.definition).settings).toEqual({ maxConcurrentRuns: null, requiredSecrets: [] });
  });

  it("gives Platform a builtin code reviewer bound to the review workflow's reviewer role, and a safe-patch policy", async () => {
    const alice = (await loadActor(db(), seedId("user:alice")))!;
    const agents = await listAgents(db(), alice);
    expect(agents.map((a) => ({ name: a.name, kind: a.kind, capabilities: a.capabilities, team: a.teamName, version: a.version }))).toEqual([
      { name: "Code reviewer", kind: "builtin", capabilities: ["code.review"], team: "Platform Engineering", version: 1 },
    ]);
    const { roles } = await listRoleBindings(db(), alice, seedId("workflow:platform-code-review"));
    expect(roles.find((r) => r.id === "reviewer")).toMatchObject({
      capabilities: ["code.review"],
      agent: { id: agents[0]!.id, name: "Code reviewer", archived: false, missing: [] },
    });
    const policies = await listPolicies(db(), alice);
    expect(policies.map((p) => ({ tag: p.tag, team: p.teamName, checks: p.checks }))).toEqual([
      {
        tag: "safe-patch",
        team: "Platform Engineering",
        checks: [
          { kind: "path_allowlist", paths: ["src/**", "test/**"], action: "block" },
          { kind: "patch_size", maxLines: 400, maxFiles: 50, action: "flag" },
        ],
      },
    ]);
    // Growth sees none of Platform's catalog.
    const carol = (await loadActor(db(), seedId("user:carol")))!;
    expect(await listAgents(db(), carol)).toEqual([]);
    expect(await listPolicies(db(), carol)).toEqual([]);
  });

  it("is idempotent", async () => {
    const before = await counts();
    expect(await seed(db(), new Date(now.getTime() + 86_400_000))).toEqual({ created: 0 });
    expect(await counts()).toEqual(before);
  });

  it("keeps every item's history consistent with where it is", async () => {
    const allStages = await db().select().from(stages).orderBy(asc(stages.position));
    const lastStage = new Map(allStages.map((s) => [s.workflowId, s.id]));
    const items = await db().select().from(workItems);
    for (const item of items) {
      const moves = await db()
        .select()
        .from(workItemTransitions)
        .where(eq(workItemTransitions.workItemId, item.id))
        .orderBy(asc(workItemTransitions.at));
      expect(moves[0]!.fromStageId).toBeNull();
      for (let k = 1; k < moves.length; k++) expect(moves[k]!.fromStageId).toBe(moves[k - 1]!.toStageId);
      expect(moves.at(-1)!.toStageId).toBe(item.stageId);
      expect(moves.at(-1)!.at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(item.completedAt !== null).toBe(item.stageId === lastStage.get(item.workflowId));
    }
  });

  it("gives each finished visit of an agent-assist stage a decided recommendation, inside the visit", async () => {
    const wfId = seedId("workflow:platform-code-review");
    const agentStage = seedId("stage:platform-code-review:1");
    const recs = await db().select().from(agentRecommendations).where(eq(agentRecommendations.workflowId, wfId));
    const exits = await db()
      .select({ item: workItemTransitions.workItemId, at: workItemTransitions.at })
      .from(workItemTransitions)
      .where(eq(workItemTransitions.fromStageId, agentStage));
    expect(recs.length).toBe(exits.length);
    expect(recs.length).toBeGreaterThan(5);
    for (const r of recs) {
      expect(r.stageId).toBe(agentStage);
      expect(["accepted", "rejected"]).toContain(r.status);
      expect(planSchema.safeParse(r.plan).success).toBe(true);
      expect(r.createdAt.getTime()).toBeLessThan(r.finishedAt!.getTime());
      expect(r.finishedAt!.getTime()).toBeLessThanOrEqual(r.decidedAt!.getTime());
      expect(exits.some((e) => e.item === r.workItemId && e.at.getTime() >= r.decidedAt!.getTime())).toBe(true);
      if (r.editedPlan) expect(r.editDiff).toMatchObject({ plan: [expect.stringMatching(/risk/i)] });
    }
    const statuses = new Set(recs.map((r) => r.status));
    expect(statuses).toEqual(new Set(["accepted", "rejected"]));
    expect(recs.some((r) => r.editedPlan)).toBe(true);
  });

  it("spreads the team workflow's items over its stages and weeks", async () => {
    const wfId = seedId("workflow:platform-code-review");
    const perStage = await db()
      .select({ stageId: workItems.stageId, n: count() })
      .from(workItems)
      .where(eq(workItems.workflowId, wfId))
      .groupBy(workItems.stageId);
    expect(perStage.length).toBeGreaterThanOrEqual(4);
    const [oldest] = await db()
      .select({ at: workItemTransitions.at })
      .from(workItemTransitions)
      .innerJoin(workItems, eq(workItems.id, workItemTransitions.workItemId))
      .where(eq(workItems.workflowId, wfId))
      .orderBy(asc(workItemTransitions.at))
      .limit(1);
    expect(now.getTime() - oldest!.at.getTime()).toBeGreaterThan(14 * 86_400_000);
  });

  it("gives each demo user exactly their workflows", async () => {
    const names = async (key: string) => {
      const actor = await loadActor(db(), seedId(`user:${key}`));
      return (await listVisibleWorkflows({ db: db(), actor: actor! })).map((w) => w.name).sort();
    };
    expect(await names("alice")).toEqual(["Alice's on-call notes", "Platform code review"]);
    expect(await names("bob")).toEqual(["Platform code review"]);
    expect(await names("carol")).toEqual(["Carol's drafts", "Growth content calendar"]);
    expect(await names("admin")).toEqual([]);
  });
});
