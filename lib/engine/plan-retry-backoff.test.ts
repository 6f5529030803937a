import { describe, expect, it } from "vitest";
import type { RetryPolicy } from "./graph-schema";
import { MAX_RETRY_DELAY_MS, retryDelayMs } from "./plan";

const policy = (over: Partial<RetryPolicy>): RetryPolicy => ({ maxAttempts: 3, backoff: "exponential", initialDelayMs: 1_000, ...over });

describe("retry with backoff", () => {
  it("waits the same time before each retry with fixed backoff", () => {
    const fixed = policy({ backoff: "fixed", initialDelayMs: 500, maxAttempts: 4 });
    expect([1, 2, 3].map((n) => retryDelayMs(fixed, n))).toEqual([500, 500, 500]);
  });

  it("doubles the wait before each retry with exponential backoff", () => {
    const exp = policy({ maxAttempts: 6 });
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(exp, n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it("never waits longer than an hour", () => {
    const exp = policy({ maxAttempts: 10, initialDelayMs: 600_000 });
    expect(MAX_RETRY_DELAY_MS).toBe(3_600_000);
    expect([1, 2, 3, 4, 9].map((n) => retryDelayMs(exp, n))).toEqual([600_000, 1_200_000, 2_400_000, 3_600_000, 3_600_000]);
  });

  it("retries at once when the initial delay is 0", () => {
    expect(retryDelayMs(policy({ initialDelayMs: 0 }), 2)).toBe(0);
  });

  it("has no retry left after the last attempt failed", () => {
    expect(retryDelayMs(policy({ maxAttempts: 3 }), 3)).toBeNull();
    expect(retryDelayMs(policy({ maxAttempts: 3 }), 4)).toBeNull();
    expect(retryDelayMs(policy({ maxAttempts: 1 }), 1)).toBeNull();
    expect(retryDelayMs(policy({ maxAttempts: 3, backoff: "fixed" }), 3)).toBeNull();
  });
});
