import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type AnalyticsScope, assertVisible, filtersItems, itemFilter, num, rows } from "./scope";
import { bucketIndex, bucketStarts, durationAggregates, durationStats, epochMs } from "./stats";
import type { AnalyticsRange, CycleTimePoint, DurationStats, FlowPoint, StageFigures, ThroughputPoint, Totals } from "./types";

/**
 * The flow of items through a workflow's stages over a range: totals, per-stage figures, throughput,
 * cumulative flow and cycle times, from `work_item_transitions` (and the items' own creation,
 * archiving and current stage). Reads only the transitions from the range's start on, so its cost
 * follows the range, not the workflow's age: the counts at any moment are the current counts minus
 * what moved since.
 */

type StageRow = { id: string; name: string; position: number; type: StageFigures["type"]; removed: boolean };

/** Transitions since `from`, grouped by (from stage, to stage, bucket); bucket null = at or after `to`. */
type MoveRow = { fs: string | null; ts: string; b: number | null; n: number; at_sum: number };
/** Items by stage: the unarchived ones (b null, archived false), and those archived since `from` by bucket. */
type ItemRow = { stage: string; archived: boolean; b: number | null; n: number; at_sum: number };

export type FlowFigures = {
  totals: Totals;
  stages: StageFigures[];
  bottleneckStageId: string | null;
  throughput: ThroughputPoint[];
  flow: { stages: { stageId: string; name: string }[]; points: FlowPoint[] };
  cycleTimes: { points: CycleTimePoint[]; stats: DurationStats };
};

/** The most recent completions the scatter plots; its statistics cover them all. */
export const CYCLE_POINTS = 2000;

async function loadStages(db: Db, workflowId: string): Promise<StageRow[]> {
  const list = await rows<{ id: string; name: string; position: number; type: StageRow["type"]; removed: boolean }>(
    db,
    sql`select id, name, position, type, removed_at is not null as removed from stages where workflow_id = ${workflowId} order by position, created_at`,
  );
  return list.map((s) => ({ ...s, position: Number(s.position) }));
}

/** The joins and predicates that restrict transitions `t` to the workflow and the item filters. */
function transitionScope({ workflowId, range }: AnalyticsScope) {
  // Without filters the stage list alone scopes the transitions, and the join would only cost time.
  const join = filtersItems(range) ? sql`join work_items i on i.id = t.work_item_id and ${itemFilter(range)}` : sql``;
  return { join, stages: sql`(select id from stages where workflow_id = ${workflowId})` };
}

async function loadMoves(scope: AnalyticsScope): Promise<MoveRow[]> {
  const { db, range } = scope;
  const { join, stages } = transitionScope(scope);
  const to = range.to.toISOString();
  return rows<MoveRow>(
    db,
    sql`select t.from_stage_id as fs, t.to_stage_id as ts,
          case when t.at < ${to}::timestamptz then ${bucketIndex(sql`t.at`, range)} end as b,
          count(*)::int as n, sum(${epochMs(sql`t.at`)})::float8 as at_sum
        from work_item_transitions t ${join}
        where t.to_stage_id in ${stages} and t.at >= ${range.from.toISOString()}::timestamptz
        group by 1, 2, 3`,
  );
}

async function loadItems({ db, workflowId, range }: AnalyticsScope): Promise<ItemRow[]> {
  const from = range.from.toISOString();
  return rows<ItemRow>(
    db,
    sql`select i.stage_id as stage, i.archived_at is not null as archived,
          case when i.archived_at < ${range.to.toISOString()}::timestamptz then ${bucketIndex(sql`i.archived_at`, range)} end as b,
          count(*)::int as n, coalesce(sum(${epochMs(sql`i.archived_at`)}), 0)::float8 as at_sum
        from work_items i
        where i.workflow_id = ${workflowId} and (i.archived_at is null or i.archived_at >= ${from}::timestamptz) and ${itemFilter(range)}
        group by 1, 2, 3`,
  );
}

/**
 * Time in stage for the visits that ended inside the range: each move out of a stage, minus the move
 * in before it (`lag` over the item's transitions). A visit that began before the range starts at the
 * item's last transition before it, found through the (item, at) index.
 */
async function loadTimeInStage(scope: AnalyticsScope): Promise<Map<string, StageFigures["timeInStage"]>> {
  const { db, range } = scope;
  const { join, stages } = transitionScope(scope);
  const from = sql`${range.from.toISOString()}::timestamptz`;
  // The previous transition: the one before it in the range, else (for an item's first move in the
  // range) a probe of the index for its last one before the range. COALESCE probes only then.
  const before = sql`case when fs is not null then (select max(p.at) from work_item_transitions p where p.work_item_id = ev.item and p.at < ${from}) end`;
  const list = await rows<{ stage: string; n: number; mean: number | null; p85: number | null }>(
    db,
    sql`select fs as stage, count(*)::int as n, avg(took)::float8 as mean, percentile_cont(0.85) within group (order by took)::float8 as p85
        from (
          select fs, ${epochMs(sql`at - coalesce(lag(at) over (partition by item order by at), ${before})`)} as took
          from (
            select t.work_item_id as item, t.from_stage_id as fs, t.at
            from work_item_transitions t ${join}
            where t.to_stage_id in ${stages} and t.at >= ${from} and t.at < ${range.to.toISOString()}::timestamptz
          ) ev
        ) visits
        where fs is not null and took is not null
        group by fs`,
  );
  return new Map(list.map((r) => [r.stage, { count: Number(r.n), meanMs: num(r.mean), p85Ms: num(r.p85) }]));
}

/**
 * Whether the item of a last-stage entry `e` (joined as `i`) was still in the last stage at the range's
 * end. For a range that ends now or later its current stage says so; for one in the past, no later
 * transition before the end may exist (an index probe per completion).
 */
export function stillThere(range: AnalyticsRange, lastStage: string | SQL): SQL {
  if (range.to.getTime() >= Date.now()) return sql`i.stage_id = ${lastStage}`;
  return sql`not exists (select 1 from work_item_transitions x where x.work_item_id = e.item and x.at > e.at and x.at < ${range.to.toISOString()}::timestamptz)`;
}

/**
 * Items completed inside the range: their last entry into the last stage falls in it and they are
 * still there at `to`. Statistics over all of them, points for the most recent ones.
 */
async function loadCompletions(scope: AnalyticsScope, lastStageId: string | null) {
  const { db, range } = scope;
  if (!lastStageId) return { stats: durationStats(undefined), points: [] as CycleTimePoint[], perBucket: new Map<number, number>() };
  const to = sql`${range.to.toISOString()}::timestamptz`;
  const [row] = await rows<{ n: number; mean: number | null; median: number | null; p85: number | null; points: unknown; buckets: unknown }>(
    db,
    sql`with entered as (
          select t.work_item_id as item, max(t.at) as at
          from work_item_transitions t
          where t.to_stage_id = ${lastStageId} and t.at >= ${range.from.toISOString()}::timestamptz and t.at < ${to}
          group by 1
        ),
        done as materialized (
          select e.item, i.title, e.at, ${epochMs(sql`e.at - i.created_at`)} as ms, ${bucketIndex(sql`e.at`, range)} as b
          from entered e join work_items i on i.id = e.item
          where (i.archived_at is null or i.archived_at >= ${to}) and ${itemFilter(range)} and ${stillThere(range, lastStageId)}
        )
        select ${durationAggregates(sql`ms`)},
          (select coalesce(json_agg(json_build_array(item, title, ${epochMs(sql`at`)}, ms)), '[]')
             from (select * from done order by at desc limit ${CYCLE_POINTS}) p) as points,
          (select coalesce(json_agg(json_build_array(b, n)), '[]') from (select b, count(*)::int as n from done group by b) c) as buckets
        from done`,
  );
  const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as unknown[][];
  const points = parse(row?.points)
    .map(([itemId, title, at, ms]) => ({ itemId: String(itemId), title: String(title), completedAt: new Date(Number(at)).toISOString(), cycleTimeMs: Number(ms) }))
    .reverse();
  const perBucket = new Map(parse(row?.buckets).map(([b, n]) => [Number(b), Number(n)]));
  return { stats: durationStats(row), points, perBucket };
}

/** Every flow figure of one workflow over one range; see the module comment for how counts are derived. */
export async function getFlowFigures(scope: AnalyticsScope): Promise<FlowFigures> {
  await assertVisible(scope);
  const { range } = scope;
  const stageRows = await loadStages(scope.db, scope.workflowId);
  const live = stageRows.filter((s) => !s.removed);
  const lastStageId = live.at(-1)?.id ?? null;
  const [moves, items, timeInStage, completions] = await Promise.all([
    loadMoves(scope),
    loadItems(scope),
    loadTimeInStage(scope),
    loadCompletions(scope, lastStageId),
  ]);

  const starts = bucketStarts(range);
  const fromMs = range.from.getTime();
  const toMs = range.to.getTime();
  const zero = () => new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

  // Per stage: now, net change since `from`, net change since `to`, flow per bucket, item-time terms.
  const current = zero();
  const sinceFrom = zero();
  const sinceTo = zero();
  const entered = zero();
  const exited = zero();
  const itemTime = zero();
  const delta = new Map<number, Map<string, number>>();
  const bucketDelta = (b: number, stage: string, n: number) => add(delta.get(b) ?? delta.set(b, zero()).get(b)!, stage, n);
  let created = 0;
  const createdPerBucket = new Map<number, number>();

  /** One group of events (n entries or, with sign −1, exits) at the given bucket, with Σ of their times. */
  const event = (stage: string, sign: 1 | -1, b: number | null, n: number, atSum: number) => {
    add(sinceFrom, stage, sign * n);
    if (b === null) {
      add(sinceTo, stage, sign * n);
      return;
    }
    bucketDelta(b, stage, sign * n);
    // Each item present contributes from its entry (or `from`) to its exit (or `to`).
    add(itemTime, stage, sign * (n * toMs - atSum));
  };
  for (const m of moves) {
    const b = m.b === null ? null : Number(m.b);
    const n = Number(m.n);
    event(m.ts, 1, b, n, Number(m.at_sum));
    if (b !== null) add(entered, m.ts, n);
    if (m.fs) {
      event(m.fs, -1, b, n, Number(m.at_sum));
      if (b !== null) add(exited, m.fs, n);
    } else if (b !== null) {
      created += n;
      createdPerBucket.set(b, (createdPerBucket.get(b) ?? 0) + n);
    }
  }
  for (const i of items) {
    if (!i.archived) add(current, i.stage, Number(i.n));
    else event(i.stage, -1, i.b === null ? null : Number(i.b), Number(i.n), Number(i.at_sum));
  }

  const ids = [...new Set([...stageRows.map((s) => s.id), ...current.keys(), ...sinceFrom.keys()])];
  const atFrom = new Map(ids.map((id) => [id, (current.get(id) ?? 0) - (sinceFrom.get(id) ?? 0)]));
  const atTo = new Map(ids.map((id) => [id, (current.get(id) ?? 0) - (sinceTo.get(id) ?? 0)]));
  for (const id of ids) add(itemTime, id, (atFrom.get(id) ?? 0) * (toMs - fromMs));

  const shown = stageRows.filter((s) => !s.removed || (entered.get(s.id) ?? 0) + (exited.get(s.id) ?? 0) + (current.get(s.id) ?? 0) > 0);
  const stages: StageFigures[] = shown.map((s) => ({
    stageId: s.id,
    name: s.removed ? `${s.name} (removed)` : s.name,
    position: s.position,
    type: s.type,
    isLast: s.id === lastStageId,
    entered: entered.get(s.id) ?? 0,
    exited: exited.get(s.id) ?? 0,
    timeInStage: timeInStage.get(s.id) ?? { count: 0, meanMs: null, p85Ms: null },
    current: current.get(s.id) ?? 0,
    itemTimeMs: Math.max(0, Math.round(itemTime.get(s.id) ?? 0)),
  }));
  const waiting = stages.filter((s) => !s.isLast && s.itemTimeMs > 0);
  const bottleneckStageId = waiting.length ? waiting.reduce((a, b) => (b.itemTimeMs > a.itemTimeMs ? b : a)).stageId : null;

  const running = new Map(atFrom);
  const points: FlowPoint[] = starts.map((start, b) => {
    for (const [stage, n] of delta.get(b) ?? []) add(running, stage, n);
    return { bucketStart: start.toISOString(), counts: Object.fromEntries(shown.map((s) => [s.id, running.get(s.id) ?? 0])) };
  });

  const itemsAtTo = ids.reduce((sum, id) => sum + (atTo.get(id) ?? 0), 0);
  const completed = lastStageId ? (atTo.get(lastStageId) ?? 0) : 0;
  const totals: Totals = {
    items: itemsAtTo,
    completed,
    inProgress: itemsAtTo - completed,
    created,
    completedInRange: completions.stats.count,
    cycleTime: completions.stats,
  };
  const throughput = starts.map((start, b) => ({
    bucketStart: start.toISOString(),
    completed: completions.perBucket.get(b) ?? 0,
    created: createdPerBucket.get(b) ?? 0,
  }));
  return {
    totals,
    stages,
    bottleneckStageId,
    throughput,
    flow: { stages: shown.map((s) => ({ stageId: s.id, name: s.name })), points },
    cycleTimes: { points: completions.points, stats: completions.stats },
  };
}
