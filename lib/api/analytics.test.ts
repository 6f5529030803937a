import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/db/testing/database";
import { overviewRoute, workflowAnalyticsRoute } from "./analytics";
import { overviewResponse, workflowAnalyticsResponse } from "./analytics-schemas";
import { type Who, apiCtx, apiRequest, createApiWorld } from "./testing";

describeDb("REST API: analytics", (db) => {
  let w: Awaited<ReturnType<typeof createApiWorld>>;
  beforeAll(async () => {
    w = await createApiWorld(db());
  });
  async function get(who: Who, path: string, route: (c: ReturnType<typeof apiCtx>, r: Request) => Promise<Response>) {
    const res = await route(apiCtx(db(), w.tokens[who], { method: "GET" }), apiRequest("GET", path));
    return { status: res.status, body: await res.json() };
  }
  const workflow = (who: Who, query = "", id = w.wf.id) =>
    get(who, `/api/v1/workflows/${id}/analytics${query}`, (c, r) => workflowAnalyticsRoute(c, r, id));

  it("answers a teammate with every figure, in the documented shape", async () => {
    const { status, body } = await workflow("viewer", "?range=7d&bucket=day");
    expect(status).toBe(200);
    const figures = workflowAnalyticsResponse.parse(body);
    expect(figures.totals).toMatchObject({ items: 2, completed: 0, inProgress: 2, created: 2 });
    expect(figures.throughput).toHaveLength(7);
    expect(figures.stages.map((s) => [s.name, s.current])).toEqual([
      ["To do", 1],
      ["Doing", 0],
      ["Review", 1],
      ["Done", 0],
    ]);
  });

  it("filters by priority and refuses a malformed range with the reason", async () => {
    const high = await workflow("owner", "?priority=high,urgent");
    expect(high.body.totals.items).toBe(0);
    const bad = await workflow("owner", "?range=custom&from=2026-03-09&to=2026-03-01");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/start date must not be after the end date/);
    const unknown = await workflow("owner", "?priority=soon");
    expect(unknown.status).toBe(400);
  });

  it("answers another team exactly as for a workflow that does not exist", async () => {
    const theirs = await workflow("otherTeam");
    const none = await workflow("otherTeam", "", "00000000-0000-4000-8000-000000000000");
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
  });

  it("sums only the caller's workflows in the overview", async () => {
    const mine = await get("owner", "/api/v1/analytics", overviewRoute);
    expect(mine.status).toBe(200);
    expect(overviewResponse.parse(mine.body).workflows.map((x) => x.name)).toEqual(["API board"]);
    expect(mine.body.totals.items).toBe(2);
    const theirs = await get("otherTeam", "/api/v1/analytics", overviewRoute);
    expect(theirs.body.workflows.map((x: { workflowId: string }) => x.workflowId)).toEqual([w.elsewhere.id]);
    expect(theirs.body.totals.items).toBe(0);
  });
});
