import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Inbound webhook signatures. The sender signs `<timestamp>.<raw body>` with HMAC-SHA256 under the
 * trigger's secret and sends `X-Tandem-Signature: sha256=<hex>` and `X-Tandem-Timestamp: <unix seconds>`.
 * Signing the timestamp with the body means a captured request cannot be replayed after the window.
 */

/** How far a timestamp may be from now, either way. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` under `secret`: what a sender puts after `sha256=`. */
export function signWebhook(secret: string, timestamp: string | number, body: string | Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

type Delivery = { secret: string; body: Buffer; signature: string | null; timestamp: string | null };

/**
 * True when `X-Tandem-Signature` is the HMAC of `<timestamp>.<body>` under the secret. The comparison
 * takes the same time whatever matches, so it reveals nothing about the expected value.
 */
export function signatureMatches(o: Delivery): boolean {
  const timestamp = o.timestamp?.trim() ?? "";
  const expected = Buffer.from(signWebhook(o.secret, timestamp, o.body), "hex");
  const match = /^sha256=([0-9a-f]{64})$/i.exec(o.signature?.trim() ?? "");
  const given = match ? Buffer.from(match[1]!, "hex") : Buffer.alloc(expected.length);
  return timingSafeEqual(given, expected) && match !== null;
}

/** True when `X-Tandem-Timestamp` is unix seconds within five minutes of `now`, either way. */
export function timestampFresh(timestamp: string | null, now: Date = new Date()): boolean {
  const ts = timestamp?.trim() ?? "";
  if (!/^\d{1,12}$/.test(ts)) return false;
  return Math.abs(now.getTime() / 1000 - Number(ts)) <= SIGNATURE_WINDOW_SECONDS;
}

/** Both checks: the signature matches and the timestamp is fresh. */
export function verifyWebhookSignature(o: Delivery & { now?: Date }): boolean {
  const matches = signatureMatches(o);
  return matches && timestampFresh(o.timestamp, o.now);
}
