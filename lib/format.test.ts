import { describe, expect, it } from "vitest";
import { formatAge, formatDateTime, formatDuration } from "./format";

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe("formatDuration", () => {
  it.each([
    [0, "0m"],
    [-5 * M, "0m"],
    [59_999, "0m"],
    [45 * M, "45m"],
    [2 * H + 5 * M, "2h 5m"],
    [2 * H, "2h"],
    [3 * D + 4 * H + 59 * M, "3d 4h"],
    [3 * D + 30 * M, "3d"],
    [16 * D + 2 * H, "2w 2d"],
  ])("%i ms is %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatAge", () => {
  it("keeps one unit", () => {
    expect(formatAge(3 * D + 4 * H)).toBe("3d");
  });
});

describe("formatDateTime", () => {
  it("renders in UTC with a 24-hour clock", () => {
    expect(formatDateTime(new Date("2026-11-24T04:05:00Z"))).toBe("Nov 24, 2026, 04:05 UTC");
    expect(formatDateTime(new Date("2026-11-24T00:30:00Z"))).toBe("Nov 24, 2026, 00:30 UTC");
  });
});
