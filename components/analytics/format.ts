import type { Bucket } from "@/lib/analytics/types";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as people say it, two units at most: "3 d 4 h", "5 h 12 min", "45 min", "12 s", "40 ms"; null is a dash. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < SECOND) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < MINUTE) return `${Math.round(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  const pair = (big: number, bigUnit: string, smallSize: number, smallUnit: string) => {
    let whole = Math.floor(ms / big);
    let rest = Math.round((ms - whole * big) / smallSize);
    if (rest * smallSize >= big) {
      whole += 1;
      rest = 0;
    }
    return rest ? `${whole} ${bigUnit} ${rest} ${smallUnit}` : `${whole} ${bigUnit}`;
  };
  return ms < DAY ? pair(HOUR, "h", MINUTE, "min") : pair(DAY, "d", HOUR, "h");
}

/** Milliseconds as hours with two decimals, for exports a spreadsheet can sum. */
export function hours(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined ? null : Math.round((ms / HOUR) * 100) / 100;
}

/** A fraction 0..1 as a whole percentage; null (nothing to divide) is a dash. */
export function formatPercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? "—" : `${Math.round(rate * 100)}%`;
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const dayYearFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** A date as "Mar 4" (UTC, the buckets' zone), with the year when asked. Same text on server and client. */
export function formatDay(value: string | number | Date, withYear = false): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return (withYear ? dayYearFormat : dayFormat).format(d);
}

/** A bucket's label: its day, or "Week of Mar 2". */
export function formatBucket(bucketStart: string, bucket: Bucket): string {
  return bucket === "week" ? `Week of ${formatDay(bucketStart)}` : formatDay(bucketStart);
}

/** The YYYY-MM-DD of a date in UTC, for date inputs and file names. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** "Mar 1 – Mar 30, 2026" for a half-open range [from, to). */
export function formatRange(from: Date | string, to: Date | string): string {
  const end = new Date(new Date(to).getTime() - 1);
  return `${formatDay(from, new Date(from).getUTCFullYear() !== end.getUTCFullYear())} – ${formatDay(end, true)}`;
}

const UNITS = [
  { unit: "ms", label: "milliseconds", ms: 1 },
  { unit: "s", label: "seconds", ms: SECOND },
  { unit: "min", label: "minutes", ms: MINUTE },
  { unit: "h", label: "hours", ms: HOUR },
  { unit: "d", label: "days", ms: DAY },
] as const;

/** The unit a duration axis reads best in for values up to `maxMs`: days above two days, and so on down. */
export function durationUnit(maxMs: number): (typeof UNITS)[number] {
  return [...UNITS].reverse().find((u) => maxMs >= 2 * u.ms) ?? UNITS[0];
}
