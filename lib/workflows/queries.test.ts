import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog, workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createItem, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { getBoard } from "@/lib/work-items/queries";
import { listVisibleWorkflows } from "./queries";
import { renameWorkflow } from "./service";

describeDb("workflow list and board", (db) => {
  let me: Actor;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const team = await createTeam(db());
    const user = await createUser(db());
    const colleague = await createUser(db());
    await addMember(db(), team.id, user.id);
    await addMember(db(), team.id, colleague.id);
    const make = async (key: string, o: Parameters<typeof createWorkflow>[1]) => {
      const wf = await createWorkflow(db(), { name: key, ...o });
      ids[key] = wf.id;
      return wf;
    };
    await make("mine-personal", { ownerUserId: user.id, visibility: "personal" });
    await make("colleague-team", { ownerUserId: colleague.id, ownerTeamId: team.id, visibility: "team" });
    await make("colleague-global", { ownerUserId: colleague.id, visibility: "global" });
    await make("template", { ownerUserId: colleague.id, visibility: "global", isTemplate: true });
    const board = await make("board", { ownerUserId: user.id, visibility: "personal" });
    const [todo, doing] = board.stages;
    await createItem(db(), { workflowId: board.id, stageId: todo!.id, title: "first" });
    const moved = await createItem(db(), { workflowId: board.id, stageId: todo!.id, title: "second", at: new Date("2026-01-01") });
    await db().update(workItems).set({ stageId: doing!.id }).where(eq(workItems.id, moved.id));
    await db()
      .insert(workItemTransitions)
      .values({ workItemId: moved.id, fromStageId: todo!.id, toStageId: doing!.id, at: new Date("2026-01-05") });
    me = await actorFor(db(), user.id);
  });

  const names = async (filter: Parameters<typeof listVisibleWorkflows>[0]["filter"]) =>
    (await listVisibleWorkflows({ db: db(), actor: me, filter })).map((w) => w.name).sort();

  it("filters: all, mine, team, global, templates", async () => {
    expect(await names("all")).toEqual(["board", "colleague-global", "colleague-team", "mine-personal"]);
    expect(await names("mine")).toEqual(["board", "mine-personal"]);
    expect(await names("team")).toEqual(["colleague-team"]);
    expect(await names("global")).toEqual(["colleague-global"]);
    expect(await names("templates")).toEqual(["template"]);
  });

  it("reports the actor's level and counts", async () => {
    const rows = await listVisibleWorkflows({ db: db(), actor: me });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.board).toMatchObject({ level: "ADMIN", stageCount: 3, itemCount: 2 });
    expect(byName["colleague-team"]?.level).toBe("WRITE");
    expect(byName["colleague-global"]?.level).toBe("READ");
  });

  it("dates each card's time in stage from the transition that brought it there", async () => {
    const board = await getBoard({ db: db(), actor: me, workflowId: ids.board! });
    const second = board.items.find((i) => i.title === "second")!;
    expect(second.enteredStageAt.toISOString()).toBe("2026-01-05T00:00:00.000Z");
    expect(board.stages.map((s) => s.name)).toEqual(["To do", "Doing", "Done"]);
  });

  it("rename validates the name and records who did it", async () => {
    await expect(renameWorkflow(db(), me, { id: ids.board, name: "  " })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { name: ["Give the workflow a name."] },
    });
    const wf = await renameWorkflow(db(), me, { id: ids.board, name: "Renamed board" });
    expect(wf.name).toBe("Renamed board");
    const [row] = await db().select().from(auditLog).where(eq(auditLog.targetId, ids.board!));
    expect(row).toMatchObject({ actorId: me.userId, action: "workflow.rename", requestId: "test-request", details: { from: "board", to: "Renamed board" } });
  });
});
