import { describe, expect, it } from "vitest";
import { durationUnit, formatBucket, formatDuration, formatPercent, formatRange, hours } from "./format";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [0, "0 ms"],
    [400, "400 ms"],
    [999.7, "1000 ms"],
    [12_300, "12 s"],
    [45 * MIN, "45 min"],
    [59.6 * MIN, "60 min"],
    [HOUR, "1 h"],
    [5 * HOUR + 12 * MIN, "5 h 12 min"],
    [23 * HOUR + 59.8 * MIN, "24 h"],
    [DAY, "1 d"],
    [3 * DAY + 4 * HOUR, "3 d 4 h"],
    [3 * DAY + 23.7 * HOUR, "4 d"],
  ])("%s ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("the other formats", () => {
  it("percentages, hours, buckets and ranges", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(0.834)).toBe("83%");
    expect(hours(90 * MIN)).toBe(1.5);
    expect(hours(null)).toBeNull();
    expect(durationUnit(1500).unit).toBe("ms");
    expect(durationUnit(90_000).unit).toBe("s");
    expect(durationUnit(3 * DAY).unit).toBe("d");
    expect(formatBucket("2026-03-02", "week")).toBe("Week of Mar 2");
    expect(formatBucket("2026-03-02T00:00:00.000Z", "day")).toBe("Mar 2");
    expect(formatRange(new Date("2026-03-01T00:00:00Z"), new Date("2026-03-31T00:00:00Z"))).toBe("Mar 1 – Mar 30, 2026");
    expect(formatRange(new Date("2025-12-20T00:00:00Z"), new Date("2026-01-05T00:00:00Z"))).toBe("Dec 20, 2025 – Jan 4, 2026");
  });
});
