import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("clientIp", () => {
  it("takes the address the nearest trusted proxy saw, not what the client claims", () => {
    expect(clientIp(h("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIp(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
  });

  it("copes with a short or missing header", () => {
    expect(clientIp(h("203.0.113.9"), 3)).toBe("203.0.113.9");
    expect(clientIp(h(), 1)).toBe("unknown");
  });
});
