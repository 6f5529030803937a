import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agentRecommendations, runs, taskRuns, workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createItem, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { chain, graph, task } from "@/lib/engine/testing";
import { platformAndGrowth } from "./testing";
import type { AnalyticsRange } from "./types";
import { getAgentFigures, getFilterOptions, getFlowFigures, getRunFigures, getWorkflowAnalytics } from "./workflow";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const d0 = Date.parse("2026-03-01T00:00:00Z");
/** A moment `days` (fractional) after the range's start. */
const at = (days: number) => new Date(d0 + days * DAY);
const range: AnalyticsRange = { from: at(0), to: at(7), bucket: "day" };

/**
 * A known history over the week [d0, d7) of a four-stage workflow (To do, Doing, Review, Done), with
 * every figure worked out by hand in the comments:
 *   A  created d−2; Doing d1, Review d2, Done d3                    → completed in range, cycle 5 d
 *   B  created d0.5; Doing d1.5, Review d2.5, back to Doing d3, Review d4, Done d5 → cycle 4.5 d
 *   C  created d1; Doing d2                                         → in progress
 *   D  created d−10; Doing d−9, Review d−8, Done d−7                → completed before the range
 *   E  created d6                                                    → in progress
 *   F  created d2; archived d4 (in To do)                           → not counted at d7
 *   G  created d8                                                    → after the range
 *   H  created d0; Doing d3, Done d6; Review d7 + 2 h (after)       → completed in range, cycle 6 d
 */
describeDb("workflow analytics", (db) => {
  let alice: Actor;
  let carol: Actor;
  let wf: Awaited<ReturnType<typeof createWorkflow>>;
  let otherWf: Awaited<ReturnType<typeof createWorkflow>>;
  const ids: Record<string, string> = {};
  let todo: string, doing: string, review: string, done: string;

  async function move(item: string, from: string, to: string, days: number) {
    await db().insert(workItemTransitions).values({ workItemId: item, fromStageId: from, toStageId: to, actorId: alice.userId, at: at(days) });
    await db().update(workItems).set({ stageId: to }).where(eq(workItems.id, item));
  }
  async function item(name: string, days: number, workflow = wf) {
    const it = await createItem(db(), { workflowId: workflow.id, stageId: workflow.stages[0]!.id, title: name, actorId: alice.userId, at: at(days) });
    ids[name] = it.id;
    return it.id;
  }

  beforeAll(async () => {
    const teams = await platformAndGrowth(db(), "admin");
    ({ alice, carol } = teams);
    const stages = [{ name: "To do" }, { name: "Doing" }, { name: "Review" }, { name: "Done" }];
    wf = await createWorkflow(db(), { ownerUserId: alice.userId, ownerTeamId: teams.platform.id, visibility: "team", stages });
    otherWf = await createWorkflow(db(), { ownerUserId: carol.userId, ownerTeamId: teams.growth.id, visibility: "team", stages });
    [todo, doing, review, done] = wf.stages.map((s) => s.id) as [string, string, string, string];

    const A = await item("A", -2);
    await move(A, todo, doing, 1);
    await move(A, doing, review, 2);
    await move(A, review, done, 3);
    const B = await item("B", 0.5);
    await move(B, todo, doing, 1.5);
    await move(B, doing, review, 2.5);
    await move(B, review, doing, 3);
    await move(B, doing, review, 4);
    await move(B, review, done, 5);
    const C = await item("C", 1);
    await move(C, todo, doing, 2);
    const D = await item("D", -10);
    await move(D, todo, doing, -9);
    await move(D, doing, review, -8);
    await move(D, review, done, -7);
    await item("E", 6);
    const F = await item("F", 2);
    await db().update(workItems).set({ archivedAt: at(4) }).where(eq(workItems.id, F));
    await item("G", 8);
    const H = await item("H", 0);
    await move(H, todo, doing, 3);
    await move(H, doing, done, 6);
    await move(H, done, review, 7 + 2 / 24);
    await db().update(workItems).set({ priority: "high", assigneeId: alice.userId }).where(eq(workItems.id, B));

    // Another team's workflow, busy in the same week: none of it may show in Platform's figures.
    const [o1, , , o4] = otherWf.stages.map((s) => s.id) as [string, string, string, string];
    for (let n = 0; n < 3; n++) {
      const x = await createItem(db(), { workflowId: otherWf.id, stageId: o1, title: `Other ${n}`, at: at(n) });
      await db().insert(workItemTransitions).values({ workItemId: x.id, fromStageId: o1, toStageId: o4, at: at(n + 0.5) });
      await db().update(workItems).set({ stageId: o4 }).where(eq(workItems.id, x.id));
    }
  });

  it("counts items, completions and cycle times as of the range's end", async () => {
    const f = await getFlowFigures({ db: db(), actor: alice, workflowId: wf.id, range });
    expect(f.totals).toEqual({
      items: 6, // A B C D E H; F archived, G not yet created
      completed: 4, // A B D H (H left Done only after the range)
      inProgress: 2,
      created: 5, // B C E F H
      completedInRange: 3, // A B H
      cycleTime: { count: 3, meanMs: 124 * HOUR, medianMs: 120 * HOUR, p85Ms: expect.closeTo(136.8 * HOUR, 3) },
    });
    expect(f.cycleTimes.points.map((p) => [p.title, p.cycleTimeMs, p.completedAt])).toEqual([
      ["A", 120 * HOUR, at(3).toISOString()],
      ["B", 108 * HOUR, at(5).toISOString()],
      ["H", 144 * HOUR, at(6).toISOString()],
    ]);
  });

  it("counts the same completions for a range that ends now or later, from the items' current stages", async () => {
    const open = await getFlowFigures({ db: db(), actor: alice, workflowId: wf.id, range: { from: at(0), to: new Date(Date.now() + DAY), bucket: "week" } });
    // H left Done after d7, so only A and B are still complete; D completed before d0.
    expect(open.totals).toMatchObject({ completed: 3, completedInRange: 2 });
    expect(open.cycleTimes.points.map((p) => p.title)).toEqual(["A", "B"]);
  });

  it("gives each stage its entries, exits, time in stage, current count and item-time, and names the bottleneck", async () => {
    const f = await getFlowFigures({ db: db(), actor: alice, workflowId: wf.id, range });
    const byName = Object.fromEntries(f.stages.map((s) => [s.name, s]));
    expect(f.stages.map((s) => [s.name, s.entered, s.exited, s.current, s.itemTimeMs / HOUR])).toEqual([
      ["To do", 5, 4, 2, 216],
      ["Doing", 5, 4, 1, 264],
      ["Review", 3, 3, 1, 60],
      ["Done", 3, 0, 3, 336],
    ]);
    expect(byName["To do"]!.timeInStage).toEqual({ count: 4, meanMs: 48 * HOUR, p85Ms: 72 * HOUR });
    expect(byName.Doing!.timeInStage).toEqual({ count: 4, meanMs: 36 * HOUR, p85Ms: expect.closeTo(50.4 * HOUR, 3) });
    expect(byName.Review!.timeInStage).toEqual({ count: 3, meanMs: 20 * HOUR, p85Ms: 24 * HOUR });
    expect(byName.Done!.timeInStage).toEqual({ count: 0, meanMs: null, p85Ms: null });
    expect(f.bottleneckStageId).toBe(doing);
    expect(byName.Done!.isLast).toBe(true);
  });

  it("draws throughput and cumulative flow per day, dense and ending at the counts as of the range's end", async () => {
    const f = await getFlowFigures({ db: db(), actor: alice, workflowId: wf.id, range });
    expect(f.throughput.map((p) => [p.completed, p.created])).toEqual([
      [0, 2],
      [0, 1],
      [0, 1],
      [1, 0],
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
    expect(f.throughput[0]!.bucketStart).toBe(at(0).toISOString());
    expect(f.flow.stages.map((s) => s.name)).toEqual(["To do", "Doing", "Review", "Done"]);
    expect(f.flow.points.map((p) => [p.counts[todo], p.counts[doing], p.counts[review], p.counts[done]])).toEqual([
      [3, 0, 0, 1],
      [2, 2, 0, 1],
      [2, 1, 2, 1],
      [1, 3, 0, 2],
      [0, 2, 1, 2],
      [0, 2, 0, 3],
      [1, 1, 0, 4],
    ]);
  });

  it("buckets by week, and narrows every figure to the filtered items", async () => {
    const weekly = await getFlowFigures({ db: db(), actor: alice, workflowId: wf.id, range: { ...range, from: at(-7), bucket: "week" } });
    expect(weekly.throughput.map((p) => [p.completed, p.created])).toEqual([
      [1, 1], // D completed at d−7, the range's first moment; A created d−2
      [3, 5],
    ]);
    const high = await getFlowFigures({ db: db(), actor: alice, workflowId: wf.id, range: { ...range, priorities: ["high"] } });
    expect(high.totals).toMatchObject({ items: 1, completed: 1, inProgress: 0, created: 1, completedInRange: 1 });
    expect(high.totals.cycleTime.meanMs).toBe(108 * HOUR);
    expect(high.stages.map((s) => [s.name, s.entered, s.exited])).toEqual([
      ["To do", 1, 1],
      ["Doing", 2, 2],
      ["Review", 2, 2],
      ["Done", 1, 0],
    ]);
    const unassigned = await getFlowFigures({ db: db(), actor: alice, workflowId: wf.id, range: { ...range, assigneeId: null } });
    expect(unassigned.totals.items).toBe(5);
    expect(await getFilterOptions({ db: db(), actor: alice, workflowId: wf.id })).toEqual({ assignees: [{ id: alice.userId, name: "Alice" }] });
  });

  it("measures runs: outcomes, durations, tasks and what failed", async () => {
    const base = { workflowId: wf.id, stageId: doing, definitionVersion: 1, origin: "stage" as const };
    const mk = async (status: "completed" | "failed" | "cancelled" | "running", start: number, minutes: number | null, item?: string) => {
      const [r] = await db()
        .insert(runs)
        .values({ ...base, workItemId: item ?? null, status, createdAt: at(start), startedAt: at(start), finishedAt: minutes === null ? null : new Date(at(start).getTime() + minutes * 60_000) })
        .returning();
      return r!.id;
    };
    const ok = await mk("completed", 1, 60, ids.B);
    const bad = await mk("failed", 2, 30, ids.C);
    await mk("cancelled", 3, 15);
    await mk("running", 4, null);
    await mk("failed", -3, 5); // before the range
    const task = (runId: string, taskKey: string, status: "completed" | "failed" | "skipped", start: number, minutes: number, error: string | null = null) =>
      db().insert(taskRuns).values({ runId, taskKey, status, startedAt: at(start), finishedAt: new Date(at(start).getTime() + minutes * 60_000), error });
    await task(ok, "build", "completed", 1, 10);
    await task(bad, "build", "failed", 2, 20, "boom");
    await task(bad, "deploy", "skipped", 2, 0);

    const r = await getRunFigures({ db: db(), actor: alice, workflowId: wf.id, range });
    const MIN = 60_000;
    expect(r).toMatchObject({ total: 4, completed: 1, failed: 1, cancelled: 1, active: 1, successRate: 1 / 3, failureRate: 1 / 3 });
    expect(r.duration).toEqual({ count: 3, meanMs: 35 * MIN, medianMs: 30 * MIN, p85Ms: expect.closeTo(51 * MIN, 3) });
    expect(r.tasks).toEqual([
      { stageName: "Doing", taskKey: "build", finished: 2, failed: 1, meanMs: 15 * MIN, p85Ms: expect.closeTo(18.5 * MIN, 3) },
      { stageName: "Doing", taskKey: "deploy", finished: 0, failed: 0, meanMs: null, p85Ms: null },
    ]);
    expect(r.topFailingTasks).toEqual([{ stageName: "Doing", taskKey: "build", failed: 1, lastError: "boom" }]);
    const highOnly = await getRunFigures({ db: db(), actor: alice, workflowId: wf.id, range: { ...range, priorities: ["high"] } });
    expect(highOnly).toMatchObject({ total: 1, completed: 1 });
  });

  it("measures the agent: acceptance, edits, auto-apply and the wait for review", async () => {
    const rec = (o: Partial<typeof agentRecommendations.$inferInsert> & { finished?: number; decided?: number }) =>
      db()
        .insert(agentRecommendations)
        .values({
          workflowId: wf.id,
          workItemId: ids.C!,
          stageId: review,
          goal: "review",
          engine: "builtin",
          createdAt: at(o.finished ?? 1),
          finishedAt: o.finished === undefined ? null : at(o.finished),
          decidedAt: o.decided === undefined ? null : at(o.decided),
          ...o,
        });
    await rec({ status: "accepted", finished: 1, decided: 1 + 2 / 24, editedPlan: { summary: "edited" } });
    await rec({ status: "rejected", finished: 2, decided: 2 + 4 / 24 });
    await rec({ status: "accepted", finished: 3, decided: 3 + 1 / 24, autoApply: { ok: true, branch: "b", commit: "c", files: [] } });
    await rec({ status: "error", finished: 3, error: "model down" });
    await rec({ status: "proposed", finished: 4, autoApply: { ok: false, error: "conflict" } });
    await rec({ status: "pending", engine: null, createdAt: at(5) });
    await rec({ status: "accepted", finished: -1, decided: -0.5 }); // before the range

    const a = await getAgentFigures({ db: db(), actor: alice, workflowId: wf.id, range });
    expect(a).toEqual({
      total: 6,
      pending: 1,
      proposed: 1,
      accepted: 2,
      rejected: 1,
      errored: 1,
      acceptanceRate: 2 / 3,
      editRate: 1 / 2,
      autoApply: { attempted: 2, succeeded: 1, successRate: 0.5 },
      reviewWait: { count: 3, meanMs: expect.closeTo((7 / 3) * HOUR, 3), medianMs: 2 * HOUR, p85Ms: expect.closeTo(3.4 * HOUR, 3) },
    });
    const r = await getRunFigures({ db: db(), actor: alice, workflowId: wf.id, range });
    expect(r.topFailingAgents).toEqual([{ agent: "builtin", source: "assist", model: null, failed: 1, total: 5 }]);
  });

  it("names failing agent tasks by the role their pinned definition gives them", async () => {
    const reviewer = { kind: "agent" as const, role: "reviewer", modelHint: "small", prompt: "Review it." };
    const agentic = await createWorkflow(db(), {
      ownerUserId: alice.userId,
      ownerTeamId: alice.memberships[0]!.teamId,
      visibility: "team",
      stages: [{ name: "Check", type: "AUTOMATION", taskGraph: graph([task("review", { executor: reviewer }), task("notes")], chain("review", "notes")) }, { name: "Done" }],
    });
    const stageId = agentic.stages[0]!.id;
    for (const [review, notes] of [["failed", "skipped"], ["completed", "completed"], ["failed", "skipped"]] as const) {
      const [r] = await db().insert(runs).values({ workflowId: agentic.id, stageId, definitionVersion: 1, origin: "api", status: "failed", createdAt: at(2) }).returning();
      await db().insert(taskRuns).values([
        { runId: r!.id, taskKey: "review", status: review, startedAt: at(2), finishedAt: at(2.01), error: review === "failed" ? "model timed out" : null },
        { runId: r!.id, taskKey: "notes", status: notes },
      ]);
    }
    const f = await getRunFigures({ db: db(), actor: alice, workflowId: agentic.id, range });
    expect(f.topFailingAgents).toEqual([{ agent: "reviewer", source: "task", model: "small", failed: 2, total: 3 }]);
    expect(f.topFailingTasks).toEqual([{ stageName: "Check", taskKey: "review", failed: 2, lastError: "model timed out" }]);
  });

  describe("visibility", () => {
    it("answers another team's member as if the workflow did not exist", async () => {
      for (const fn of [getFlowFigures, getRunFigures, getAgentFigures, getWorkflowAnalytics]) {
        await expect(fn({ db: db(), actor: carol, workflowId: wf.id, range })).rejects.toBeInstanceOf(NotFound);
      }
      await expect(getFilterOptions({ db: db(), actor: carol, workflowId: wf.id })).rejects.toBeInstanceOf(NotFound);
      await expect(getFlowFigures({ db: db(), actor: alice, workflowId: "not-a-uuid", range })).rejects.toBeInstanceOf(NotFound);
    });

    it("keeps each team's figures to its own items", async () => {
      const theirs = await getFlowFigures({ db: db(), actor: carol, workflowId: otherWf.id, range });
      expect(theirs.totals).toMatchObject({ items: 3, completed: 3, created: 3, completedInRange: 3 });
      const all = await getWorkflowAnalytics({ db: db(), actor: alice, workflowId: wf.id, range });
      expect(all.totals.items).toBe(6);
      expect(all.flow.at(-1)!.counts).toEqual({ [todo]: 1, [doing]: 1, [review]: 0, [done]: 4 });
    });
  });
});
