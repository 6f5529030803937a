import { beforeAll, expect, it } from "vitest";
import { type RunStatusValue, runs, taskApprovals, taskRuns } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createItem, createTeamWorkflow, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { newTask } from "@/lib/engine/graph-schema";
import { toBoardJson } from "./board-json";
import { itemTitles, latestStageRuns } from "./item-runs";
import { getBoard, getBoardChanges, getItemPage } from "./queries";
import { updateItem } from "./service";

const gateGraph = {
  roles: [],
  tasks: [newTask("gate", { kind: "approval", approvals: 1, level: "WRITE" }, { name: "Sign-off", position: { x: 0, y: 0 } })],
  edges: [],
};

describeDb("runs on board cards and the item page", (db) => {
  let owner: Actor;
  let member: Actor;
  let viewer: Actor;
  let wf: Awaited<ReturnType<typeof createTeamWorkflow>>["wf"];
  let t = Date.parse("2026-04-01T10:00:00Z");

  /** A run of the item in `stageId`, created a minute after the previous one (so "latest" is clear). */
  async function run(itemId: string, stageId: string, status: RunStatusValue, error: string | null = null) {
    t += 60_000;
    const [row] = await db()
      .insert(runs)
      .values({ workflowId: wf.id, workItemId: itemId, stageId, definitionVersion: wf.version, status, origin: "stage", error, initiatorId: owner.userId, createdAt: new Date(t) })
      .returning();
    return row!;
  }

  beforeAll(async () => {
    const made = await createTeamWorkflow(db(), {
      members: ["Olive", "Max"],
      stages: [{ name: "Inbox" }, { name: "Check", type: "AUTOMATION", taskGraph: gateGraph }, { name: "Done" }],
    });
    wf = made.wf;
    [owner, member] = made.actors;
    const v = await createUser(db(), { name: "Vic" });
    await addMember(db(), made.team.id, v.id, "viewer");
    viewer = await actorFor(db(), v.id);
  });

  it("puts each card's latest run in its current stage on the board, when it needs noticing", async () => {
    const [inbox, check] = wf.stages;
    const running = await createItem(db(), { workflowId: wf.id, stageId: check!.id, title: "running" });
    await run(running.id, check!.id, "failed", "old failure");
    const latest = await run(running.id, check!.id, "running");
    const failed = await createItem(db(), { workflowId: wf.id, stageId: check!.id, title: "failed" });
    const failedRun = await run(failed.id, check!.id, "failed", `HTTP 500 from ci.example.com ${"x".repeat(400)}`);
    const completed = await createItem(db(), { workflowId: wf.id, stageId: check!.id, title: "completed" });
    await run(completed.id, check!.id, "completed");
    const movedOn = await createItem(db(), { workflowId: wf.id, stageId: inbox!.id, title: "moved on" });
    await run(movedOn.id, check!.id, "failed", "a stage it left");

    const board = toBoardJson(await getBoard({ db: db(), actor: viewer, workflowId: wf.id }));
    const card = (title: string) => board.items.find((i) => i.title === title)!;
    expect(card("running").run).toEqual({ id: latest.id, status: "running", error: null });
    expect(card("failed").run).toMatchObject({ id: failedRun.id, status: "failed" });
    expect(card("failed").run!.error).toHaveLength(300);
    expect(card("completed").run).toBeNull();
    expect(card("moved on").run).toBeNull();

    const only = await latestStageRuns(db(), wf.id, [failed.id]);
    expect([...only.keys()]).toEqual([failed.id]);
    expect(await latestStageRuns(db(), wf.id, [])).toEqual(new Map());
  });

  it("sends the run state with a card in the board's live changes", async () => {
    const [, check] = wf.stages;
    const item = await createItem(db(), { workflowId: wf.id, stageId: check!.id, title: "live" });
    const r = await run(item.id, check!.id, "waiting_approval");
    const before = (await getBoard({ db: db(), actor: owner, workflowId: wf.id })).cursor;
    await updateItem(db(), owner, { id: item.id, title: "live, renamed" });
    const changes = await getBoardChanges({ db: db(), workflowId: wf.id, afterSeq: before });
    expect(changes!.items.map((i) => [i.title, i.run])).toEqual([["live, renamed", { id: r.id, status: "waiting_approval", error: null }]]);
  });

  it("lists the item's runs newest first and offers the waiting approval to those who may give it", async () => {
    const [inbox, check] = wf.stages;
    const item = await createItem(db(), { workflowId: wf.id, stageId: check!.id, title: "needs sign-off" });
    const old = await run(item.id, inbox!.id, "completed");
    const waiting = await run(item.id, check!.id, "waiting_approval");
    const [gate] = await db().insert(taskRuns).values({ runId: waiting.id, taskKey: "gate", status: "waiting", waitingFor: "approval", attempt: 1 }).returning();

    const page = await getItemPage({ db: db(), actor: member, itemId: item.id });
    expect(page.runs.map((r) => [r.id, r.stageName])).toEqual([
      [waiting.id, "Check"],
      [old.id, "Inbox"],
    ]);
    expect(page.runApproval).toEqual({ runId: waiting.id, taskKey: "gate", taskName: "Sign-off", instructions: "", needed: 1, approvals: 0 });

    // Read access cannot decide; nor can someone who already has.
    expect((await getItemPage({ db: db(), actor: viewer, itemId: item.id })).runApproval).toBeNull();
    await db().insert(taskApprovals).values({ taskRunId: gate!.id, userId: member.userId, approve: true });
    expect((await getItemPage({ db: db(), actor: member, itemId: item.id })).runApproval).toBeNull();
    expect((await getItemPage({ db: db(), actor: owner, itemId: item.id })).runApproval).toMatchObject({ taskKey: "gate", approvals: 1 });
  });

  it("offers no approval when the current stage's latest run is not waiting", async () => {
    const [, check] = wf.stages;
    const item = await createItem(db(), { workflowId: wf.id, stageId: check!.id });
    await run(item.id, check!.id, "failed", "boom");
    const page = await getItemPage({ db: db(), actor: owner, itemId: item.id });
    expect(page.runApproval).toBeNull();
    expect(page.runs[0]).toMatchObject({ status: "failed", error: "boom" });
  });

  it("names a workflow's items for run lists, and no other workflow's", async () => {
    const [inbox] = wf.stages;
    const mine = await createItem(db(), { workflowId: wf.id, stageId: inbox!.id, title: "mine" });
    const otherWf = await createWorkflow(db(), { ownerUserId: owner.userId });
    const theirs = await createItem(db(), { workflowId: otherWf.id, stageId: otherWf.stages[0]!.id, title: "theirs" });
    expect(await itemTitles(db(), wf.id, [mine.id, theirs.id, mine.id])).toEqual(new Map([[mine.id, "mine"]]));
  });
});
