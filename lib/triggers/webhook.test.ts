import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { triggerDeliveries } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createTrigger, rotateTriggerSecret, updateTrigger } from "./service";
import { signWebhook } from "./signature";
import { auditOf, createTriggerWorld, itemsOf } from "./testing";
import { handleWebhook } from "./webhook";

const NOW = new Date("2026-03-01T12:00:00Z");
const nowSeconds = Math.floor(NOW.getTime() / 1000);

/** A delivery signed the way senders are told to: HMAC of `<timestamp>.<body>`. */
function delivery(id: string, secret: string, body: string, o: { timestamp?: number; signature?: string; deliveryId?: string } = {}) {
  const timestamp = String(o.timestamp ?? nowSeconds);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-tandem-timestamp": timestamp,
    "x-tandem-signature": o.signature ?? `sha256=${signWebhook(secret, timestamp, body)}`,
  };
  if (o.deliveryId) headers["x-tandem-delivery"] = o.deliveryId;
  return new Request(`http://tandem.test/api/webhooks/${id}`, { method: "POST", headers, body });
}

describeDb("triggers: inbound webhooks", (db) => {
  let w: Awaited<ReturnType<typeof createTriggerWorld>>;
  let hook: { id: string; secret: string };
  beforeAll(async () => {
    w = await createTriggerWorld(db());
    const { trigger, secret } = await createTrigger(db(), w.owner, {
      workflowId: w.b.id,
      kind: "webhook",
      name: "Deploys",
      config: { title: "Deploy {{payload.version}}", targetStageId: w.b.stages[1]!.id },
    });
    hook = { id: trigger.id, secret: secret! };
  });
  const send = async (req: Request, id = hook.id) => {
    const res = await handleWebhook(db(), req, id, NOW);
    return { status: res.status, body: await res.json() };
  };
  const count = async () => (await itemsOf(db(), w.b.id)).length;

  it("a correctly signed delivery creates an item with the payload (202 {itemId}), audited", async () => {
    const body = JSON.stringify({ version: "1.4.2", sha: "abc123" });
    const r = await send(delivery(hook.id, hook.secret, body));
    expect(r).toEqual({ status: 202, body: { itemId: expect.any(String) } });
    const [item] = (await itemsOf(db(), w.b.id)).filter((i) => i.id === r.body.itemId);
    expect(item).toMatchObject({ title: "Deploy 1.4.2", stageId: w.b.stages[1]!.id, createdById: null });
    expect(item!.data).toEqual({
      trigger: { id: hook.id, name: "Deploys", kind: "webhook", deliveryId: null, depth: 1 },
      payload: { version: "1.4.2", sha: "abc123" },
    });
    const [audit] = await auditOf(db(), hook.id, "trigger.fire");
    expect(audit).toMatchObject({ actorId: null, outcome: "success" });
    expect(audit!.details).toMatchObject({ kind: "webhook", itemId: item!.id, deliveryId: null });
  });

  it("refuses a bad signature, a stale or missing timestamp and an unknown id with 401, creating nothing", async () => {
    const before = await count();
    const body = JSON.stringify({ version: "9" });
    const wrongKey = await send(delivery(hook.id, "0".repeat(64), body));
    expect(wrongKey).toEqual({ status: 401, body: { error: { code: "unauthorized", message: "signature does not match" } } });
    const tampered = delivery(hook.id, hook.secret, body);
    const changed = new Request(tampered.url, { method: "POST", headers: tampered.headers, body: JSON.stringify({ version: "10" }) });
    expect((await send(changed)).status).toBe(401);
    expect((await send(delivery(hook.id, hook.secret, body, { signature: "sha256=zz" }))).status).toBe(401);
    const stale = await send(delivery(hook.id, hook.secret, body, { timestamp: nowSeconds - 6 * 60 }));
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toContain("more than 5 minutes");
    expect((await send(delivery(hook.id, hook.secret, body, { timestamp: nowSeconds + 6 * 60 }))).status).toBe(401);
    const noTimestamp = delivery(hook.id, hook.secret, body);
    noTimestamp.headers.delete("x-tandem-timestamp");
    expect((await send(noTimestamp)).status).toBe(401);
    const unknown = await send(delivery("6f9b2c1e-0d4a-4b8e-9f3c-2a1b0c9d8e7f", hook.secret, body), "6f9b2c1e-0d4a-4b8e-9f3c-2a1b0c9d8e7f");
    expect(unknown).toEqual(wrongKey);
    expect(await send(delivery("nope", hook.secret, body), "nope")).toEqual(wrongKey);
    expect(await count()).toBe(before);
  });

  it("answers a disabled trigger exactly like a bad signature", async () => {
    const { trigger, secret } = await createTrigger(db(), w.owner, { workflowId: w.b.id, kind: "webhook", name: "Paused", enabled: false });
    const before = await count();
    const r = await send(delivery(trigger.id, secret!, "{}"), trigger.id);
    expect(r).toEqual({ status: 401, body: { error: { code: "unauthorized", message: "signature does not match" } } });
    await updateTrigger(db(), w.owner, { id: trigger.id, enabled: true });
    expect((await send(delivery(trigger.id, secret!, "{}"), trigger.id)).status).toBe(202);
    expect(await count()).toBe(before + 1);
  });

  it("a repeated X-Tandem-Delivery id is a no-op answering the first item", async () => {
    const before = await count();
    const body = JSON.stringify({ version: "2.0.0" });
    const first = await send(delivery(hook.id, hook.secret, body, { deliveryId: "evt_42" }));
    const again = await send(delivery(hook.id, hook.secret, body, { deliveryId: "evt_42" }));
    expect(first.status).toBe(202);
    expect(again).toEqual({ status: 202, body: { itemId: first.body.itemId, duplicate: true } });
    expect(await count()).toBe(before + 1);
    const rows = await db().select().from(triggerDeliveries).where(eq(triggerDeliveries.triggerId, hook.id));
    expect(rows).toEqual([expect.objectContaining({ deliveryId: "webhook:evt_42", workItemId: first.body.itemId })]);
    const other = await send(delivery(hook.id, hook.secret, body, { deliveryId: "evt_43" }));
    expect(other.body.itemId).not.toBe(first.body.itemId);
  });

  it("refuses bodies over 256 KB (413) and, once signed, bodies that are not JSON (400)", async () => {
    const before = await count();
    const huge = JSON.stringify({ blob: "x".repeat(256 * 1024) });
    expect((await send(delivery(hook.id, hook.secret, huge))).status).toBe(413);
    const notJson = await send(delivery(hook.id, hook.secret, "{version: 1"));
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toContain("not valid JSON");
    expect(await count()).toBe(before);
  });

  it("stops accepting the old secret once it is rotated", async () => {
    const { secret } = await rotateTriggerSecret(db(), w.owner, { id: hook.id });
    expect((await send(delivery(hook.id, hook.secret, "{}"))).status).toBe(401);
    expect((await send(delivery(hook.id, secret!, "{}"))).status).toBe(202);
    hook.secret = secret!;
  });
});
