import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { triggers } from "@/db/schema";
import { log } from "@/lib/log";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { decryptSecret } from "@/lib/secrets/crypto";
import { isUuid } from "./access";
import { fireTrigger } from "./fire";
import type { WebhookConfig } from "./schemas";
import { SIGNATURE_WINDOW_SECONDS, signatureMatches, timestampFresh } from "./signature";
import { itemTitle } from "./title";

/**
 * Inbound webhooks: `POST /api/webhooks/{id}` with no session or token, authenticated only by the HMAC
 * signature (see signature.ts). An unknown, disabled or wrongly signed request gets the same 401, so
 * the endpoint does not reveal which trigger ids exist. Accepted deliveries answer 202 `{itemId}`.
 */

export const MAX_WEBHOOK_BYTES = 256 * 1024;
const MAX_DELIVERY_ID = 200;

// Compared against when there is no trigger, so an unknown id costs the same work as a wrong signature.
const DECOY_SECRET = randomBytes(32).toString("hex");

const fail = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });
const unauthorized = () => fail(401, "unauthorized", "signature does not match");

/** The raw body, read up to `max` bytes; null when it is larger (the rest is not read). */
export async function readLimitedBody(req: Request, max = MAX_WEBHOOK_BYTES): Promise<Buffer | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function parsePayload(body: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = body.toString("utf8");
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: `The body is not valid JSON: ${(err as Error).message}. Send a JSON document, signed as it is sent.` };
  }
}

/**
 * Handles one delivery: size, signature and timestamp, optional `X-Tandem-Delivery` id (a repeat is a
 * no-op answering the first item), then the item with `{trigger, payload}` as its data.
 */
export async function handleWebhook(db: Db, req: Request, triggerId: string, now: Date = new Date()): Promise<Response> {
  const body = await readLimitedBody(req);
  if (!body) return fail(413, "invalid", `The body is too large: keep it under ${MAX_WEBHOOK_BYTES / 1024} KB.`);
  const [found] = isUuid(triggerId) ? await db.select().from(triggers).where(eq(triggers.id, triggerId)) : [];
  const trigger = found && found.kind === "webhook" && found.enabled && found.secretCiphertext ? found : null;
  let secret = DECOY_SECRET;
  if (trigger) {
    try {
      secret = decryptSecret(trigger.secretCiphertext!);
    } catch (err) {
      // The sender gets the same 401 as for a wrong signature; the operator learns the key is wrong here.
      log.error({ err, triggerId: trigger.id, requestId: req.headers.get(REQUEST_ID_HEADER) ?? undefined }, "webhook: cannot decrypt the trigger's secret");
    }
  }
  const signature = req.headers.get("x-tandem-signature");
  const timestamp = req.headers.get("x-tandem-timestamp");
  const signed = signatureMatches({ secret, body, signature, timestamp });
  if (!trigger || secret === DECOY_SECRET || !signed) return unauthorized();
  // Only a sender holding the secret gets this far, so saying what is wrong tells nobody else anything.
  if (!timestampFresh(timestamp, now)) {
    return fail(
      401,
      "unauthorized",
      `The timestamp is more than ${SIGNATURE_WINDOW_SECONDS / 60} minutes from the server's clock: sign each delivery with the current time (unix seconds).`,
    );
  }
  const deliveryId = req.headers.get("x-tandem-delivery")?.trim() || null;
  if (deliveryId && (deliveryId.length > MAX_DELIVERY_ID || !/^[\x21-\x7e]+$/.test(deliveryId))) {
    return fail(400, "invalid", `X-Tandem-Delivery must be up to ${MAX_DELIVERY_ID} visible ASCII characters, such as a UUID.`);
  }
  const payload = parsePayload(body);
  if (!payload.ok) return fail(400, "invalid", payload.message);
  const config = trigger.config as WebhookConfig;
  const scope = { payload: payload.value, trigger: { id: trigger.id, name: trigger.name }, firedAt: now.toISOString() };
  const result = await fireTrigger(db, {
    trigger,
    title: itemTitle(config.title, scope, `${trigger.name}: webhook delivery`),
    data: { trigger: { id: trigger.id, name: trigger.name, kind: "webhook", deliveryId, depth: 1 }, payload: payload.value },
    details: { deliveryId, bytes: body.length },
    deliveryId: deliveryId ? `webhook:${deliveryId}` : null,
  });
  if (result.status === "skipped") return fail(409, "conflict", `The delivery was accepted but no item could be created: ${result.reason}`);
  return Response.json(result.status === "duplicate" ? { itemId: result.itemId, duplicate: true } : { itemId: result.itemId }, { status: 202 });
}
