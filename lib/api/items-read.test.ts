import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createItem } from "@/db/testing/factories";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { addComment, updateItem } from "@/lib/work-items/service";
import type { ApiContext } from "./core";
import { archiveItemRoute, createWorkflowItemRoute, getItemRoute, listWorkflowItemsRoute, moveItemRoute, updateItemRoute } from "./items";
import { meRoute } from "./me";
import { itemDetailResponse, itemListResponse, meResponse } from "./schemas";
import { type Who, apiCtx, apiRequest, createApiWorld } from "./testing";

type Route = (ctx: ApiContext, req: Request, id: string) => Promise<Response>;

describeDb("REST API: authentication and reads", (db) => {
  let w: Awaited<ReturnType<typeof createApiWorld>>;
  beforeAll(async () => {
    w = await createApiWorld(db());
  });

  async function send(route: Route, who: Who | null, method: string, path: string, id: string, body?: unknown) {
    const res = await route(apiCtx(db(), who ? w.tokens[who] : null, { method }), apiRequest(method, path, body), id);
    return { status: res.status, body: await res.json(), headers: res.headers };
  }
  const list = (who: Who | null, query = "", workflowId = w.wf.id) =>
    send(listWorkflowItemsRoute, who, "GET", `/api/v1/workflows/${workflowId}/items${query}`, workflowId);
  const get = (who: Who | null, id = w.item.id) => send(getItemRoute, who, "GET", `/api/v1/items/${id}`, id);

  it("answers 401 with the error body on every route when there are no credentials", async () => {
    const id = w.item.id;
    const calls: [Route, string, unknown?][] = [
      [listWorkflowItemsRoute, "GET"],
      [createWorkflowItemRoute, "POST", { title: "x" }],
      [getItemRoute, "GET"],
      [updateItemRoute, "PATCH", { title: "x" }],
      [moveItemRoute, "POST", { toStageId: w.stages.doing.id }],
      [archiveItemRoute, "POST", {}],
    ];
    for (const [route, method, body] of calls) {
      const r = await send(route, null, method, "/api/v1/x", route === listWorkflowItemsRoute || route === createWorkflowItemRoute ? w.wf.id : id, body);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    const me = await meRoute(apiCtx(db(), null));
    expect(me.status).toBe(401);
  });

  it("refuses unknown, revoked and malformed tokens without falling back to the session cookie", async () => {
    const session = w.people.owner;
    const bad = await listWorkflowItemsRoute(apiCtx(db(), `tdm_${"x".repeat(43)}`, { session }), apiRequest("GET", "/"), w.wf.id);
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.message).toMatch(/expired or revoked/);
    const basic = await meRoute(apiCtx(db(), null, { authorization: "Basic b3duZXI6cHc=", session }));
    expect(basic.status).toBe(401);

    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.userId, w.people.teammate.userId));
    expect((await list("teammate")).status).toBe(200);
    await revokeApiToken(db(), w.people.teammate, { id: row!.id });
    expect((await meRoute(apiCtx(db(), w.tokens.teammate))).status).toBe(401);
    expect((await list("teammate")).status).toBe(401);
    // Give the teammate a working token again for the tests that follow.
    w.tokens.teammate = (await createApiToken(db(), w.people.teammate, { name: "again" })).token;
  });

  it("/me says who the token belongs to", async () => {
    const res = await meRoute(apiCtx(db(), w.tokens.viewer));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(meResponse.parse(body)).toEqual(body);
    expect(body).toMatchObject({ id: w.people.viewer.userId, name: "viewer", teams: [{ name: "Team A", role: "viewer" }] });
  });

  it("lists items to everyone in the team, viewers included, and 404s to another team", async () => {
    for (const who of ["owner", "teammate", "viewer"] as const) {
      const r = await list(who);
      expect(r.status).toBe(200);
      expect(itemListResponse.parse(r.body)).toEqual(r.body);
      expect(r.body.items.map((i: { title: string }) => i.title).sort()).toEqual(["Already in review", "Ship the API"]);
    }
    const other = await list("otherTeam");
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("not_found");
    expect((await list("otherTeam", "", w.elsewhere.id)).status).toBe(200);
    expect((await list("owner", "", w.elsewhere.id)).status).toBe(404);
    expect((await list("owner", "", "not-a-uuid")).status).toBe(404);
  });

  it("filters by text, stage, priority and assignee, and pages with limit and offset", async () => {
    const extra = await createItem(db(), { workflowId: w.wf.id, stageId: w.stages.doing.id, title: "Filterable 50% thing" });
    await updateItem(db(), w.people.owner, { id: extra.id, priority: "high", assigneeId: w.people.owner.userId });
    const titles = async (query: string) => ((await list("owner", query)).body.items as { title: string }[]).map((i) => i.title);
    expect(await titles("?q=50%25")).toEqual(["Filterable 50% thing"]);
    expect(await titles(`?stageId=${w.stages.review.id}`)).toEqual(["Already in review"]);
    expect(await titles("?priority=high")).toEqual(["Filterable 50% thing"]);
    expect(await titles("?assignee=me")).toEqual(["Filterable 50% thing"]);
    expect((await titles("?assignee=none")).sort()).toEqual(["Already in review", "Ship the API"]);
    expect(await titles("?limit=1")).toHaveLength(1);
    const all = await titles("");
    expect(await titles("?limit=2&offset=1")).toEqual(all.slice(1, 3));
  });

  it("refuses bad query values with 400 and the field at fault", async () => {
    for (const [query, field] of [
      ["?limit=501", "limit"],
      ["?limit=0", "limit"],
      ["?offset=-1", "offset"],
      ["?assignee=someone", "assignee"],
      ["?priority=asap", "priority"],
      ["?includeArchived=yes", "includeArchived"],
    ] as const) {
      const r = await list("owner", query);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code).toBe("invalid");
      expect(Object.keys(r.body.error.fields)).toEqual([field]);
    }
  });

  it("shows an item with its stage, history and comments to readers, and 404s to another team", async () => {
    await addComment(db(), w.people.teammate, { itemId: w.item.id, body: "Looks good" });
    for (const who of ["owner", "teammate", "viewer"] as const) {
      const r = await get(who);
      expect(r.status).toBe(200);
      expect(itemDetailResponse.parse(r.body)).toEqual(r.body);
      expect(r.body.item).toMatchObject({ id: w.item.id, title: "Ship the API", workflowId: w.wf.id });
      expect(r.body.stage).toMatchObject({ id: w.stages.todo.id, name: "To do" });
      expect(r.body.history[0]).toMatchObject({ fromStageId: null, toStageName: "To do", current: true });
      expect(r.body.comments).toEqual([expect.objectContaining({ body: "Looks good", authorName: "teammate" })]);
    }
    expect((await get("otherTeam")).status).toBe(404);
    expect((await get("owner", "7b0d3c1e-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("takes the session cookie when there is no token: reads from anywhere, writes only from this site", async () => {
    const session = w.people.teammate;
    const path = `/api/v1/workflows/${w.wf.id}/items`;
    const read = await listWorkflowItemsRoute(apiCtx(db(), null, { session }), apiRequest("GET", path), w.wf.id);
    expect(read.status).toBe(200);
    const body = { title: "From the browser" };
    const crossSite = await createWorkflowItemRoute(
      apiCtx(db(), null, { session, method: "POST", origin: "https://evil.example" }),
      apiRequest("POST", path, body),
      w.wf.id,
    );
    expect(crossSite.status).toBe(403);
    const noOrigin = await createWorkflowItemRoute(apiCtx(db(), null, { session, method: "POST" }), apiRequest("POST", path, body), w.wf.id);
    expect(noOrigin.status).toBe(403);
    const sameSite = await createWorkflowItemRoute(
      apiCtx(db(), null, { session, method: "POST", origin: "http://tandem.test" }),
      apiRequest("POST", path, body),
      w.wf.id,
    );
    expect(sameSite.status).toBe(201);
    // A token is not sent by browsers on their own, so it needs no Origin.
    const viaToken = await createWorkflowItemRoute(apiCtx(db(), w.tokens.owner, { method: "POST" }), apiRequest("POST", path, body), w.wf.id);
    expect(viaToken.status).toBe(201);
  });
});
