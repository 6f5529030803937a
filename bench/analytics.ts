import { sql } from "drizzle-orm";
import type { Database, Driver } from "@/db/client";
import { migrate } from "@/db/migrate";
import { loadActor } from "@/lib/auth/actor";
import { getOverview } from "@/lib/analytics/overview";
import { rangeFromParams, rangeParamsSchema } from "@/lib/analytics/range";
import type { AnalyticsRange } from "@/lib/analytics/types";
import { getWorkflowAnalytics } from "@/lib/analytics/workflow";
import { loadAnalyticsData } from "./analytics-data";
import { openEngineDatabase } from "./drivers";
import { type Summary, ms, summarize } from "./stats";

/**
 * The analytics dashboard at scale: one workflow of 100,000 items and 1,000,000 transitions over a
 * year on PostgreSQL (a tenth of that on PGlite). Times the server side of the whole workflow page
 * (every widget's queries, as the page runs them) beside two hand-written aggregates over the same
 * transitions in the same run — the least any dashboard reads (entries per stage and day) and the
 * textbook time in stage (lag over each item's transitions) — for the default range (30 days) and a year.
 * The aim is judged against the first, the stricter.
 */

/** Aims: the whole dashboard in under 300 ms, and within 3× of the hand-written query. */
export const ANALYTICS_AIM_MS = 300;
export const ANALYTICS_AIM_RATIO = 3;
const RUNS = 10;

export type AnalyticsFigures = {
  driver: Driver;
  items: number;
  transitions: number;
  loadMs: number;
  ranges: { label: string; transitionsInRange: number; dashboard: Summary; counts: Summary; timeInStage: Summary; ratio: number }[];
  overview: Summary;
};

async function time(n: number, fn: () => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < 2; i++) await fn(); // warm: plans, caches
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return summarize(out);
}

/** Entries per stage and day over the range's transitions: the least a dashboard must read, written by hand. */
function countByDay(database: Database, workflowId: string, range: AnalyticsRange) {
  return database.db.execute(sql`
    select t.to_stage_id, date_trunc('day', t.at), count(*)
    from work_item_transitions t
    where t.to_stage_id in (select id from stages where workflow_id = ${workflowId})
      and t.at >= ${range.from.toISOString()}::timestamptz and t.at < ${range.to.toISOString()}::timestamptz
    group by 1, 2`);
}

/** Time in stage as one would write it by hand: each transition's time to the item's next one, per stage. */
function timeInStage(database: Database, workflowId: string, range: AnalyticsRange) {
  return database.db.execute(sql`
    select stage, count(*), avg(took), percentile_cont(0.85) within group (order by took)
    from (
      select t.from_stage_id as stage, t.at - lag(t.at) over (partition by t.work_item_id order by t.at) as took
      from work_item_transitions t
      where t.to_stage_id in (select id from stages where workflow_id = ${workflowId})
        and t.at >= ${range.from.toISOString()}::timestamptz and t.at < ${range.to.toISOString()}::timestamptz
    ) v
    where stage is not null and took is not null
    group by stage`);
}

async function measureDriver(driver: Driver, adminUrl: string, items: number, log: (m: string) => void): Promise<AnalyticsFigures | null> {
  const opened = await openEngineDatabase(driver, adminUrl);
  if ("skipped" in opened) {
    log(`analytics: skipping ${driver}: ${opened.skipped}`);
    return null;
  }
  const { database, dispose } = opened;
  try {
    await migrate(database.db);
    const now = new Date();
    const start = performance.now();
    const data = await loadAnalyticsData(database.db, items, now);
    // As autovacuum would soon leave a real database after such a load: statistics and a visibility map.
    await database.db.execute(sql`vacuum analyze`);
    const loadMs = performance.now() - start;
    log(`${driver}: analytics: loaded ${data.counts.items} items and ${data.counts.transitions} transitions in ${ms(loadMs)}`);
    const actor = (await loadActor(database.db, data.userId))!;
    const ranges = [
      { label: "30 days (default)", range: rangeFromParams(rangeParamsSchema.parse({}), now) },
      { label: "12 months", range: rangeFromParams(rangeParamsSchema.parse({ range: "365d" }), now) },
    ];
    const out: AnalyticsFigures["ranges"] = [];
    for (const { label, range } of ranges) {
      const inRange = await countInRange(database, range);
      // A new scope object per call: nothing is shared between two timed dashboards.
      const dashboard = await time(RUNS, () => getWorkflowAnalytics({ db: database.db, actor, workflowId: data.workflowId, range: { ...range } }));
      const counts = await time(RUNS, () => countByDay(database, data.workflowId, range));
      const tis = await time(RUNS, () => timeInStage(database, data.workflowId, range));
      out.push({ label, transitionsInRange: inRange, dashboard, counts, timeInStage: tis, ratio: dashboard.p50 / counts.p50 });
      log(`${driver}: analytics ${label}: dashboard p50 ${ms(dashboard.p50)}, counts by day p50 ${ms(counts.p50)}, time in stage p50 ${ms(tis.p50)}`);
    }
    const overview = await time(RUNS, () => getOverview({ db: database.db, actor, range: { ...ranges[0]!.range } }));
    return { driver, items: data.counts.items, transitions: data.counts.transitions, loadMs, ranges: out, overview };
  } finally {
    await dispose();
  }
}

async function countInRange(database: Database, range: AnalyticsRange): Promise<number> {
  const result = await database.db.execute(sql`select count(*)::int as n from work_item_transitions where at >= ${range.from.toISOString()}::timestamptz and at < ${range.to.toISOString()}::timestamptz`);
  const list = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return Number(list[0]?.n ?? 0);
}

/** Both drivers: PostgreSQL at BENCH_ANALYTICS_ITEMS (default 100,000), PGlite at a tenth. */
export async function measureAnalytics(adminUrl: string, drivers: string[], log: (m: string) => void): Promise<AnalyticsFigures[]> {
  const items = Number(process.env.BENCH_ANALYTICS_ITEMS ?? 100_000);
  const out: AnalyticsFigures[] = [];
  for (const driver of ["postgres", "pglite"] as const) {
    if (!drivers.includes(driver)) continue;
    const figures = await measureDriver(driver, adminUrl, driver === "postgres" ? items : Math.round(items / 10), log);
    if (figures) out.push(figures);
  }
  return out;
}

/** The figures as a table, one row per driver and range. */
export function analyticsTable(list: AnalyticsFigures[]): string {
  const head =
    "| driver | items / transitions | range (transitions in it) | dashboard p50 / p95 | by hand: counts by day | by hand: time in stage | ratio to counts / to time in stage | overview p50 |\n| --- | --- | --- | --- | --- | --- | --- | --- |";
  const rows = list.flatMap((f) =>
    f.ranges.map(
      (r) =>
        `| ${f.driver} | ${f.items.toLocaleString("en")} / ${f.transitions.toLocaleString("en")} | ${r.label} (${r.transitionsInRange.toLocaleString("en")}) | ${ms(r.dashboard.p50)} / ${ms(r.dashboard.p95)} | ${ms(r.counts.p50)} | ${ms(r.timeInStage.p50)} | ${r.ratio.toFixed(2)} / ${(r.dashboard.p50 / r.timeInStage.p50).toFixed(2)} | ${ms(f.overview.p50)} |`,
    ),
  );
  return ["Analytics dashboard (server time of every widget's queries)", head, ...rows].join("\n");
}

/** One line per driver against the aims (default range). */
export function analyticsSummary(f: AnalyticsFigures): string {
  const r = f.ranges[0]!;
  const met = r.dashboard.p50 < ANALYTICS_AIM_MS && r.ratio <= ANALYTICS_AIM_RATIO;
  return `analytics ${f.driver}: dashboard p50 ${ms(r.dashboard.p50)} (aim < ${ANALYTICS_AIM_MS} ms), ${r.ratio.toFixed(2)}× a hand-written count by stage and day (aim ≤ ${ANALYTICS_AIM_RATIO}×), ${(r.dashboard.p50 / r.timeInStage.p50).toFixed(2)}× a hand-written time in stage — ${met ? "met" : "NOT met"}`;
}
