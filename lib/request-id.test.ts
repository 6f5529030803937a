import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it("keeps a sane incoming id", () => {
    expect(requestIdFrom("lb-7f3a9c21.0042")).toBe("lb-7f3a9c21.0042");
    const uuid = crypto.randomUUID();
    expect(requestIdFrom(uuid)).toBe(uuid);
  });

  it("generates a UUID when there is none", () => {
    expect(requestIdFrom(null)).toMatch(UUID);
    expect(requestIdFrom(undefined)).toMatch(UUID);
    expect(requestIdFrom("")).toMatch(UUID);
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });

  it("replaces a malformed one: too short, too long, or characters that could forge a log line", () => {
    for (const bad of ["abc", "x".repeat(129), "ok-id\n{\"level\":\"error\"}", "has spaces in it", "quote\"d-id-123", "<script>alert(1)</script>"]) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(UUID);
    }
  });
});

/** What the proxy hands on to the route: Next passes request header overrides this way. */
const forwarded = (res: Response) => res.headers.get(`x-middleware-request-${REQUEST_ID_HEADER}`);

describe("proxy: request ids", () => {
  const session = { cookie: "authjs.session-token=abc" };

  it("keeps a sane incoming id, passes it to the route and echoes it", () => {
    const res = proxy(new NextRequest("http://tandem.test/workflows", { headers: { ...session, [REQUEST_ID_HEADER]: "req-12345678" } }));
    expect(res.headers.get(REQUEST_ID_HEADER)).toBe("req-12345678");
    expect(forwarded(res)).toBe("req-12345678");
  });

  it("gives a request without one a new id, the same on both sides", () => {
    const res = proxy(new NextRequest("http://tandem.test/api/v1/me"));
    const id = res.headers.get(REQUEST_ID_HEADER);
    expect(id).toMatch(UUID);
    expect(forwarded(res)).toBe(id);
  });

  it("replaces a malformed id rather than passing it on", () => {
    const res = proxy(new NextRequest("http://tandem.test/api/v1/me", { headers: { [REQUEST_ID_HEADER]: "short" } }));
    expect(res.headers.get(REQUEST_ID_HEADER)).toMatch(UUID);
    expect(forwarded(res)).toBe(res.headers.get(REQUEST_ID_HEADER));
  });

  it("echoes the id on the redirect to sign in, too", () => {
    const res = proxy(new NextRequest("http://tandem.test/workflows", { headers: { [REQUEST_ID_HEADER]: "req-abcdefgh" } }));
    expect(res.status).toBe(307);
    expect(res.headers.get(REQUEST_ID_HEADER)).toBe("req-abcdefgh");
  });
});
