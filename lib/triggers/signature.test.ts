import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, signatureMatches, timestampFresh, verifyWebhookSignature } from "./signature";

const secret = "a1".repeat(32);
const body = Buffer.from('{"ok":true}');
const now = new Date("2026-03-01T12:00:00Z");
const ts = String(now.getTime() / 1000);

describe("webhook signatures", () => {
  it("is the hex HMAC-SHA256 of “<timestamp>.<body>”, as the docs tell senders", () => {
    expect(signWebhook(secret, ts, body)).toBe(createHmac("sha256", secret).update(`${ts}.{"ok":true}`).digest("hex"));
  });

  it("matches only the right secret, body and timestamp", () => {
    const signature = `sha256=${signWebhook(secret, ts, body)}`;
    expect(verifyWebhookSignature({ secret, body, signature, timestamp: ts, now })).toBe(true);
    expect(signatureMatches({ secret, body, signature: signature.toUpperCase().replace("SHA256", "sha256"), timestamp: ts })).toBe(true);
    expect(signatureMatches({ secret: "b2".repeat(32), body, signature, timestamp: ts })).toBe(false);
    expect(signatureMatches({ secret, body: Buffer.from('{"ok":false}'), signature, timestamp: ts })).toBe(false);
    expect(signatureMatches({ secret, body, signature, timestamp: String(Number(ts) + 1) })).toBe(false);
    expect(signatureMatches({ secret, body, signature: signWebhook(secret, ts, body), timestamp: ts })).toBe(false);
    expect(signatureMatches({ secret, body, signature: null, timestamp: ts })).toBe(false);
  });

  it("accepts timestamps within five minutes either way", () => {
    expect(timestampFresh(String(Number(ts) - 300), now)).toBe(true);
    expect(timestampFresh(String(Number(ts) + 300), now)).toBe(true);
    expect(timestampFresh(String(Number(ts) - 301), now)).toBe(false);
    expect(timestampFresh(String(Number(ts) + 301), now)).toBe(false);
    expect(timestampFresh("soon", now)).toBe(false);
    expect(timestampFresh(null, now)).toBe(false);
  });
});
