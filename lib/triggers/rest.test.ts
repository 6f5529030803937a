import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/db/testing/database";
import type { ApiContext } from "@/lib/api/core";
import { type Who, apiCtx, apiRequest, createApiWorld } from "@/lib/api/testing";
import { createTriggerRoute, deleteTriggerRoute, listTriggersRoute, rotateTriggerSecretRoute, updateTriggerRoute } from "./rest";
import { triggerDeletedResponse, triggerListResponse, triggerUpdatedResponse, triggerWithSecretResponse } from "./rest-schemas";
import "./testing";

type Route = (ctx: ApiContext, req: Request, id: string) => Promise<Response>;

describeDb("REST API: triggers", (db) => {
  let w: Awaited<ReturnType<typeof createApiWorld>>;
  beforeAll(async () => {
    w = await createApiWorld(db());
  });
  async function send(route: Route, who: Who, method: string, id: string, body?: unknown) {
    const res = await route(apiCtx(db(), w.tokens[who], { method }), apiRequest(method, `/api/v1/x/${id}`, body), id);
    return { status: res.status, body: await res.json(), headers: res.headers };
  }
  const create = (who: Who, body: unknown, workflowId = w.wf.id) => send(createTriggerRoute, who, "POST", workflowId, body);

  it("creates a webhook trigger (201, Location) with its secret in that answer only, and lists it without", async () => {
    const r = await create("owner", { kind: "webhook", name: "GitHub pushes" });
    expect(r.status).toBe(201);
    expect(triggerWithSecretResponse.parse(r.body)).toEqual(r.body);
    expect(r.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(r.headers.get("location")).toBe(`/api/v1/triggers/${r.body.trigger.id}`);
    expect(r.body.trigger).toMatchObject({ kind: "webhook", enabled: true, webhookPath: `/api/webhooks/${r.body.trigger.id}`, createdByName: "owner" });
    const list = await send(listTriggersRoute, "viewer", "GET", w.wf.id);
    expect(list.status).toBe(200);
    expect(triggerListResponse.parse(list.body)).toEqual(list.body);
    expect(list.body.triggers.map((t: { id: string }) => t.id)).toContain(r.body.trigger.id);
    expect(JSON.stringify(list.body)).not.toContain(r.body.secret);
  });

  it("answers a bad cron expression with 400 and a message saying what is wrong", async () => {
    const r = await create("owner", { kind: "cron", name: "Broken", config: { cron: "every day" } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid");
    expect(r.body.error.message).toContain("five fields");
    expect(r.body.error.fields["config.cron"]).toHaveLength(1);
    const ok = await create("owner", { kind: "cron", name: "Weekdays", config: { cron: "0 9 * * 1-5", timezone: "Europe/Berlin" } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ secret: null, trigger: { summary: "0 9 * * 1-5 (Europe/Berlin)" } });
  });

  it("answers 404 for a source workflow the caller cannot read, 403 for viewers, 404 for other tenants", async () => {
    const hidden = await create("owner", { kind: "event", name: "Peek", config: { event: "run.completed", sourceWorkflowId: w.elsewhere.id } });
    expect(hidden.status).toBe(404);
    expect((await create("viewer", { kind: "webhook", name: "No" })).status).toBe(403);
    expect((await create("otherTeam", { kind: "webhook", name: "No" })).status).toBe(404);
    expect((await create("owner", { kind: "webhook", name: "No" }, "not-a-uuid")).status).toBe(404);
    expect((await create("owner", { kind: "sms", name: "No" })).status).toBe(400);
    expect((await send(listTriggersRoute, "otherTeam", "GET", w.wf.id)).status).toBe(404);
  });

  it("patches, rotates and deletes; others' triggers stay out of reach", async () => {
    const { body } = await create("owner", { kind: "webhook", name: "Hook" });
    const id = body.trigger.id;
    const patched = await send(updateTriggerRoute, "teammate", "PATCH", id, { name: "Renamed hook", enabled: false });
    expect(patched.status).toBe(200);
    expect(triggerUpdatedResponse.parse(patched.body).trigger).toMatchObject({ name: "Renamed hook", enabled: false });
    expect((await send(updateTriggerRoute, "owner", "PATCH", id, { kind: "cron" })).status).toBe(400);
    expect((await send(updateTriggerRoute, "viewer", "PATCH", id, { enabled: true })).status).toBe(403);
    expect((await send(updateTriggerRoute, "otherTeam", "PATCH", id, { enabled: true })).status).toBe(404);
    const rotated = await send(rotateTriggerSecretRoute, "owner", "POST", id);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.body.secret).not.toBe(body.secret);
    expect((await send(rotateTriggerSecretRoute, "otherTeam", "POST", id)).status).toBe(404);
    expect((await send(deleteTriggerRoute, "viewer", "DELETE", id)).status).toBe(403);
    const deleted = await send(deleteTriggerRoute, "owner", "DELETE", id);
    expect(deleted.status).toBe(200);
    expect(triggerDeletedResponse.parse(deleted.body)).toEqual({ id, deleted: true });
    expect((await send(deleteTriggerRoute, "owner", "DELETE", id)).status).toBe(404);
    expect((await send(updateTriggerRoute, "owner", "PATCH", "nope", { enabled: true })).status).toBe(404);
  });
});
