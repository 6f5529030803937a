import { type SQL, sql } from "drizzle-orm";
import type { AnalyticsRange, Bucket, DurationStats } from "./types";

const DAY = 86_400_000;

/** The SQL aggregates of a set of millisecond durations `expr`: count, mean, median, 85th percentile. */
export function durationAggregates(expr: SQL): SQL {
  return sql`count(${expr})::int as n,
    avg(${expr})::float8 as mean,
    percentile_cont(0.5) within group (order by ${expr})::float8 as median,
    percentile_cont(0.85) within group (order by ${expr})::float8 as p85`;
}

/** Reads the columns `durationAggregates` produced. */
export function durationStats(row: { n?: unknown; mean?: unknown; median?: unknown; p85?: unknown } | undefined): DurationStats {
  const n = Number(row?.n ?? 0);
  const v = (x: unknown) => (n > 0 && x !== null && x !== undefined ? Number(x) : null);
  return { count: n, meanMs: v(row?.mean), medianMs: v(row?.median), p85Ms: v(row?.p85) };
}

/**
 * Milliseconds of a timestamp (since the epoch) or of an interval, as float8. `date_part` rather than
 * `extract`, which returns numeric since PostgreSQL 14: several times slower over a million rows.
 */
export function epochMs(expr: SQL): SQL {
  return sql`(date_part('epoch', ${expr}) * 1000)`;
}

export function bucketMs(bucket: Bucket): number {
  return bucket === "week" ? 7 * DAY : DAY;
}

/** The bucket a timestamp falls in, counted from the range's start (0, 1, …); SQL integer. */
export function bucketIndex(expr: SQL, range: AnalyticsRange): SQL {
  return sql`floor((${epochMs(expr)} - ${range.from.getTime()}::float8) / ${bucketMs(range.bucket)}::float8)::int`;
}

/** Every bucket's start inside [from, to), so series are dense. */
export function bucketStarts(range: AnalyticsRange): Date[] {
  const step = bucketMs(range.bucket);
  const out: Date[] = [];
  for (let t = range.from.getTime(); t < range.to.getTime(); t += step) out.push(new Date(t));
  return out;
}
