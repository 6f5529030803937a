import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { runs, workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createItem, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { getFlowFigures } from "./flow";
import { getOverview } from "./overview";
import { platformAndGrowth } from "./testing";
import type { AnalyticsRange } from "./types";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const d0 = Date.parse("2026-05-04T00:00:00Z");
const at = (days: number) => new Date(d0 + days * DAY);
const week: AnalyticsRange = { from: at(0), to: at(7), bucket: "day" };

describeDb("analytics overview", (db) => {
  let alice: Actor;
  let carol: Actor;
  const wfs: Record<string, Awaited<ReturnType<typeof createWorkflow>>> = {};

  /** An item created at `created` that moves one stage on at each of `moves` (days). */
  async function history(wf: Awaited<ReturnType<typeof createWorkflow>>, created: number, moves: number[], o: { priority?: "high" } = {}) {
    const s = wf.stages.map((x) => x.id);
    const it = await createItem(db(), { workflowId: wf.id, stageId: s[0]!, at: at(created) });
    for (const [k, day] of moves.entries()) {
      await db().insert(workItemTransitions).values({ workItemId: it.id, fromStageId: s[k]!, toStageId: s[k + 1]!, at: at(day) });
    }
    await db().update(workItems).set({ stageId: s[moves.length]!, priority: o.priority ?? "none" }).where(eq(workItems.id, it.id));
    return it.id;
  }

  beforeAll(async () => {
    const teams = await platformAndGrowth(db());
    ({ alice, carol } = teams);
    const [a, c, team, other] = [alice.userId, carol.userId, teams.platform.id, teams.growth.id];
    wfs.shared = await createWorkflow(db(), { name: "Shared", ownerUserId: a, ownerTeamId: team, visibility: "team" });
    wfs.mine = await createWorkflow(db(), { name: "Mine", ownerUserId: a, visibility: "personal" });
    wfs.open = await createWorkflow(db(), { name: "Open", ownerUserId: c, ownerTeamId: other, visibility: "global" });
    wfs.hidden = await createWorkflow(db(), { name: "Hidden", ownerUserId: c, ownerTeamId: other, visibility: "team" });
    wfs.template = await createWorkflow(db(), { name: "A template", ownerUserId: a, visibility: "personal", isTemplate: true });

    await history(wfs.shared, -3, [1, 2]); // completed d2: cycle 5 d
    await history(wfs.shared, 1, [2], { priority: "high" }); // in progress
    await history(wfs.shared, 2, [3, 8]); // completed d8, after the range: in progress at d7
    await history(wfs.mine, 0, [0.5, 1]); // completed d1: cycle 1 d
    await history(wfs.open, 4, [5, 6]); // completed d6: cycle 2 d
    for (let n = 0; n < 5; n++) await history(wfs.hidden, n, [n + 0.5, n + 0.75]); // never Alice's to count
    await history(wfs.template, 1, [2, 3]);
    const run = (wf: Awaited<ReturnType<typeof createWorkflow>>, status: "failed" | "completed") =>
      db().insert(runs).values({ workflowId: wf.id, stageId: wf.stages[1]!.id, definitionVersion: 1, origin: "api", status, createdAt: at(3) });
    await run(wfs.shared, "failed");
    await run(wfs.shared, "completed");
    await run(wfs.hidden, "failed");
  });

  it("lists only the workflows the actor can see, and sums only those", async () => {
    const o = await getOverview({ db: db(), actor: alice, range: week });
    expect(o.workflows.map((w) => w.name)).toEqual(["Mine", "Open", "Shared"]);
    expect(o.totals).toEqual({
      items: 5,
      completed: 3,
      inProgress: 2,
      created: 4,
      completedInRange: 3,
      cycleTime: { count: 3, meanMs: (8 / 3) * DAY, medianMs: 2 * DAY, p85Ms: expect.closeTo(4.1 * DAY, 3) },
    });
    const shared = o.workflows.find((w) => w.name === "Shared")!;
    expect(shared.runs).toEqual({ total: 2, failed: 1, failureRate: 0.5 });
    expect(shared.agents).toEqual({ total: 0, accepted: 0, rejected: 0, acceptanceRate: null });
    const theirs = await getOverview({ db: db(), actor: carol, range: week });
    expect(theirs.workflows.map((w) => w.name)).toEqual(["Hidden", "Open"]);
    expect(theirs.totals.items).toBe(6);
  });

  it("gives each workflow the same headline figures as its own page, for any range and filter", async () => {
    const ranges: AnalyticsRange[] = [week, { from: at(0), to: at(2.5), bucket: "day" }, { ...week, priorities: ["high"] }, { from: at(-7), to: at(30), bucket: "week" }];
    for (const range of ranges) {
      const o = await getOverview({ db: db(), actor: alice, range });
      for (const w of o.workflows) {
        const page = await getFlowFigures({ db: db(), actor: alice, workflowId: w.workflowId, range });
        expect(w.totals, `${w.name} ${range.from.toISOString()}…${range.to.toISOString()}`).toEqual(page.totals);
      }
    }
  });
});
