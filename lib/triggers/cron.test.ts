import { describe, expect, it } from "vitest";
import { cronProblem, isTimeZone, lastCronTick, nextCronTimes } from "./cron";

describe("cron expressions", () => {
  it("accepts five fields, names of days and months, and steps", () => {
    for (const ok of ["*/15 * * * *", "0 9 * * MON-FRI", "30 2 1 JAN,JUL *", "0 0 L * *", "0 12 * * 1#1"]) expect(cronProblem(ok), ok).toBeNull();
  });

  it("explains what is wrong in plain words", () => {
    expect(cronProblem("")).toContain("Write a cron expression");
    expect(cronProblem("* * *")).toContain("five fields");
    expect(cronProblem("0 */5 * * * *")).toContain("has 6");
    expect(cronProblem("61 * * * *")).toContain("expected range 0-59");
    expect(cronProblem("H * * * *")).toContain("“H”");
    expect(cronProblem("0 0 31 2 *")).toContain("is not a valid cron expression");
  });

  it("knows time zones", () => {
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("previews the next times in the zone, and finds the tick a job belongs to", () => {
    const from = new Date("2026-03-02T07:10:00Z");
    expect(nextCronTimes("0 9 * * *", "Europe/Paris", 3, from).map((d) => d.toISOString())).toEqual([
      "2026-03-02T08:00:00.000Z",
      "2026-03-03T08:00:00.000Z",
      "2026-03-04T08:00:00.000Z",
    ]);
    expect(nextCronTimes("nonsense", "UTC", 3, from)).toEqual([]);
    expect(nextCronTimes("* * * * *", "Nowhere/Land", 3, from)).toEqual([]);
    expect(lastCronTick("*/15 * * * *", "UTC", new Date("2026-03-02T07:44:59Z"))!.toISOString()).toBe("2026-03-02T07:30:00.000Z");
    expect(lastCronTick("*/15 * * * *", "UTC", new Date("2026-03-02T07:45:00Z"))!.toISOString()).toBe("2026-03-02T07:45:00.000Z");
  });
});
