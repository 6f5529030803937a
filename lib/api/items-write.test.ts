import { and, count, eq, isNotNull } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createItem } from "@/db/testing/factories";
import type { ApiContext } from "./core";
import { archiveItemRoute, createWorkflowItemRoute, getItemRoute, listWorkflowItemsRoute, moveItemRoute, updateItemRoute } from "./items";
import { itemResponse, moveResponse } from "./schemas";
import { type Who, apiCtx, apiRequest, createApiWorld } from "./testing";

type Route = (ctx: ApiContext, req: Request, id: string) => Promise<Response>;

describeDb("REST API: writes", (db) => {
  let w: Awaited<ReturnType<typeof createApiWorld>>;
  beforeAll(async () => {
    w = await createApiWorld(db());
  });

  async function send(route: Route, who: Who, method: string, id: string, body?: unknown) {
    const res = await route(apiCtx(db(), w.tokens[who], { method }), apiRequest(method, `/api/v1/x/${id}`, body), id);
    return { status: res.status, body: await res.json(), headers: res.headers };
  }
  const create = (who: Who, body: unknown, workflowId = w.wf.id) => send(createWorkflowItemRoute, who, "POST", workflowId, body);
  const patch = (who: Who, id: string, body: unknown) => send(updateItemRoute, who, "PATCH", id, body);
  const move = (who: Who, id: string, body: unknown) => send(moveItemRoute, who, "POST", id, body);
  const newItem = (title: string, stageId = w.stages.todo.id) => createItem(db(), { workflowId: w.wf.id, stageId, title });
  const transitionsOf = async (id: string) =>
    (await db().select({ n: count() }).from(workItemTransitions).where(and(eq(workItemTransitions.workItemId, id), isNotNull(workItemTransitions.fromStageId))))[0]!.n;

  it("creates items for team members (201, Location), refuses viewers (403) and other teams (404)", async () => {
    for (const who of ["owner", "teammate"] as const) {
      const r = await create(who, { title: `By ${who}`, priority: "high", data: { ref: "T-1" }, stageId: w.stages.doing.id });
      expect(r.status).toBe(201);
      expect(itemResponse.parse(r.body)).toEqual(r.body);
      expect(r.body).toMatchObject({ title: `By ${who}`, priority: "high", data: { ref: "T-1" }, stageId: w.stages.doing.id, version: 1 });
      expect(r.headers.get("location")).toBe(`/api/v1/items/${r.body.id}`);
      expect(r.body.createdById).toBe(w.people[who].userId);
    }
    const viewer = await create("viewer", { title: "Not allowed" });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe("forbidden");
    const other = await create("otherTeam", { title: "Not visible" });
    expect(other.status).toBe(404);
    const [{ n }] = (await db().select({ n: count() }).from(workItems).where(eq(workItems.title, "Not allowed"))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("refuses bodies that are not JSON, not objects, incomplete or carry unknown fields (400)", async () => {
    const notJson = await create("owner", "{title: oops");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatchObject({ code: "invalid", message: expect.stringMatching(/^The request body is not valid JSON/) });
    const empty = await create("owner", "");
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/empty/);
    const array = await create("owner", [1, 2]);
    expect(array.status).toBe(400);
    const noTitle = await create("owner", { description: "no title" });
    expect(noTitle.status).toBe(400);
    expect(Object.keys(noTitle.body.error.fields)).toEqual(["title"]);
    const badData = await create("owner", { title: "x", data: "[1]" });
    expect(badData.body.error.fields).toEqual({ data: ["Data must be a JSON object, like {\"ref\": \"ABC-1\"}."] });
    const unknown = await create("owner", { title: "x", colour: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/colour/);
    const foreignStage = await create("owner", { title: "x", stageId: w.elsewhere.stages[0]!.id });
    expect(foreignStage.status).toBe(400);
    expect(foreignStage.body.error.fields).toHaveProperty("stageId");
  });

  it("edits an item's fields, refuses stale versions (409), viewers (403) and other teams (404)", async () => {
    const item = await newItem("Edit me");
    const r = await patch("teammate", item.id, { title: "Edited", priority: "low", assigneeId: w.people.owner.userId, version: 1 });
    expect(r.status).toBe(200);
    expect(itemResponse.parse(r.body)).toEqual(r.body);
    expect(r.body).toMatchObject({ id: item.id, title: "Edited", priority: "low", assigneeId: w.people.owner.userId, version: 2 });
    const stale = await patch("owner", item.id, { title: "Based on v1", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/teammate changed this item/);
    expect((await patch("viewer", item.id, { title: "Viewer edit" })).status).toBe(403);
    expect((await patch("otherTeam", item.id, { title: "Other edit" })).status).toBe(404);
    const bad = await patch("owner", item.id, { priority: "asap", assigneeId: w.people.otherTeam.userId });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("priority");
    const outsider = await patch("owner", item.id, { assigneeId: w.people.otherTeam.userId });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.fields).toHaveProperty("assigneeId");
    const archivedViaPatch = await patch("owner", item.id, { archived: true });
    expect(archivedViaPatch.status).toBe(400);
    const [row] = await db().select().from(workItems).where(eq(workItems.id, item.id));
    expect(row).toMatchObject({ title: "Edited", version: 2, archivedAt: null });
  });

  it("moves an item and returns it with the transition; viewers get 403 and other teams 404", async () => {
    const item = await newItem("Move me");
    const r = await move("teammate", item.id, { toStageId: w.stages.doing.id, reason: "picked up", version: 1 });
    expect(r.status).toBe(200);
    expect(moveResponse.parse(r.body)).toEqual(r.body);
    expect(r.body.item).toMatchObject({ id: item.id, stageId: w.stages.doing.id, version: 2 });
    expect(r.body.transition).toMatchObject({ fromStageId: w.stages.todo.id, toStageId: w.stages.doing.id, actorId: w.people.teammate.userId, reason: "picked up" });
    expect((await move("viewer", item.id, { toStageId: w.stages.todo.id })).status).toBe(403);
    const other = await move("otherTeam", item.id, { toStageId: w.stages.todo.id });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("not_found");
    expect((await move("otherTeam", item.id, { toStageId: w.elsewhere.stages[1]!.id })).status).toBe(404);
    expect(await transitionsOf(item.id)).toBe(1);
    const detail = await send(getItemRoute, "owner", "GET", item.id);
    expect(detail.body.history.map((h: { toStageName: string }) => h.toStageName)).toEqual(["To do", "Doing"]);
  });

  it("refuses a bad move body with 400 and the fields at fault", async () => {
    const item = await newItem("Bad move");
    const r = await move("owner", item.id, { toStageId: "doing", version: "x" });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["toStageId", "version"]);
    const missing = await move("owner", item.id, {});
    expect(missing.body.error.fields).toHaveProperty("toStageId");
    const foreign = await move("owner", item.id, { toStageId: w.elsewhere.stages[1]!.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toHaveProperty("toStageId");
    expect(await transitionsOf(item.id)).toBe(0);
  });

  it("lets exactly one of two moves based on the same version through (200 and 409, one transition)", async () => {
    const item = await newItem("Contested");
    const [a, b] = await Promise.all([
      move("owner", item.id, { toStageId: w.stages.doing.id, version: 1 }),
      move("teammate", item.id, { toStageId: w.stages.done.id, version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe("conflict");
    expect(await transitionsOf(item.id)).toBe(1);
    const [row] = await db().select().from(workItems).where(eq(workItems.id, item.id));
    expect(row!.version).toBe(2);
  });

  it("refuses a move into a stage at its WIP limit with 409 and says which", async () => {
    const item = await newItem("Wants review");
    const r = await move("owner", item.id, { toStageId: w.stages.review.id });
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({ code: "conflict", message: "“Review” is at its WIP limit of 1. Move an item out of it first." });
    expect(await transitionsOf(item.id)).toBe(0);
  });

  it("archives and restores through /archive; archived items leave the list unless asked for", async () => {
    const item = await newItem("Archive me");
    expect((await send(archiveItemRoute, "viewer", "POST", item.id, {})).status).toBe(403);
    expect((await send(archiveItemRoute, "otherTeam", "POST", item.id, {})).status).toBe(404);
    const archived = await send(archiveItemRoute, "owner", "POST", item.id, {});
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    const ids = async (query: string) => {
      const path = `/api/v1/workflows/${w.wf.id}/items${query}`;
      const res = await listWorkflowItemsRoute(apiCtx(db(), w.tokens.owner), apiRequest("GET", path), w.wf.id);
      return ((await res.json()).items as { id: string }[]).map((i) => i.id);
    };
    expect(await ids("")).not.toContain(item.id);
    expect(await ids("?includeArchived=true")).toContain(item.id);
    expect((await send(archiveItemRoute, "owner", "POST", item.id, {})).status).toBe(409);
    const restored = await send(archiveItemRoute, "owner", "POST", item.id, { archived: false });
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
    expect((await send(archiveItemRoute, "owner", "POST", item.id, { archived: "no" })).status).toBe(400);
  });
});
