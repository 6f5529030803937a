import { describe, expect, it } from "vitest";
import { beforeOf, runFilterOf } from "./run-filter";

describe("run list filter", () => {
  it("maps a status tab to the run statuses it shows, and anything unknown to all", () => {
    expect(runFilterOf("active").statuses).toEqual(["pending", "running", "paused", "waiting_approval"]);
    expect(runFilterOf(["failed", "completed"]).statuses).toEqual(["failed"]);
    expect(runFilterOf("nonsense").key).toBe("all");
    expect(runFilterOf(undefined).statuses).toEqual([]);
  });

  it("reads the paging cursor only when it is a time", () => {
    expect(beforeOf("2026-04-01T10:00:00.000Z")?.toISOString()).toBe("2026-04-01T10:00:00.000Z");
    expect(beforeOf("yesterday")).toBeUndefined();
    expect(beforeOf(undefined)).toBeUndefined();
  });
});
