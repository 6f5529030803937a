import { type SQL, sql } from "drizzle-orm";
import { type AnalyticsScope, assertVisible, filtersItems, itemFilter, num, rate, rows } from "./scope";
import { durationAggregates, durationStats, epochMs } from "./stats";
import type { RunFigures } from "./types";

/**
 * The runs created inside the range: `r` aliased, with the item filters applied through the run's item
 * (runs that no item started — API and trigger runs — count only when no item filter is set).
 */
function runsInRange({ workflowId, range }: AnalyticsScope): SQL {
  const items = filtersItems(range)
    ? sql`and exists (select 1 from work_items i where i.id = r.work_item_id and ${itemFilter(range)})`
    : sql``;
  return sql`select r.* from runs r
    where r.workflow_id = ${workflowId} and r.created_at >= ${range.from.toISOString()}::timestamptz
      and r.created_at < ${range.to.toISOString()}::timestamptz ${items}`;
}

/** Run outcomes, durations, per-task durations and failures, and the agents that failed most. */
export async function getRunFigures(scope: AnalyticsScope): Promise<RunFigures> {
  await assertVisible(scope);
  const { db, workflowId, range } = scope;
  const inRange = runsInRange(scope);
  const took = epochMs(sql`finished_at - started_at`);
  const [[summary], tasks, assists, agentTasks] = await Promise.all([
    rows<Record<string, unknown>>(
      db,
      sql`with rr as (${inRange})
          select count(*)::int as total,
            count(*) filter (where status = 'completed')::int as completed,
            count(*) filter (where status = 'failed')::int as failed,
            count(*) filter (where status = 'cancelled')::int as cancelled,
            ${durationAggregates(sql`case when finished_at is not null and started_at is not null then ${took} end`)}
          from rr`,
    ),
    rows<{ stage_name: string; task_key: string; finished: number; failed: number; mean: number | null; p85: number | null; last_error: string | null }>(
      db,
      sql`with rr as (${inRange})
          select s.name as stage_name, tr.task_key, count(*) filter (where tr.finished_at is not null and tr.started_at is not null and tr.status in ('completed', 'failed'))::int as finished,
            count(*) filter (where tr.status = 'failed')::int as failed,
            avg(case when tr.status in ('completed', 'failed') then ${epochMs(sql`tr.finished_at - tr.started_at`)} end)::float8 as mean,
            percentile_cont(0.85) within group (order by case when tr.status in ('completed', 'failed') then ${epochMs(sql`tr.finished_at - tr.started_at`)} end)::float8 as p85,
            (array_agg(tr.error order by tr.finished_at desc nulls last) filter (where tr.status = 'failed'))[1] as last_error
          from rr join task_runs tr on tr.run_id = rr.id join stages s on s.id = rr.stage_id
          group by s.name, s.position, tr.task_key
          order by s.position, tr.task_key`,
    ),
    rows<{ agent: string; model: string | null; failed: number; total: number }>(
      db,
      sql`select coalesce(a.engine, 'unknown') as agent, a.model, count(*) filter (where a.status = 'error')::int as failed, count(*)::int as total
          from agent_recommendations a ${filtersItems(range) ? sql`join work_items i on i.id = a.work_item_id and ${itemFilter(range)}` : sql``}
          where a.workflow_id = ${workflowId} and a.created_at >= ${range.from.toISOString()}::timestamptz and a.created_at < ${range.to.toISOString()}::timestamptz
          group by 1, 2
          having count(*) filter (where a.status = 'error') > 0`,
    ),
    // An agent task's role and model hint are in the definition version the run pinned.
    rows<{ agent: string; model: string | null; failed: number; total: number }>(
      db,
      sql`with rr as (${inRange})
          select coalesce(task -> 'executor' ->> 'role', tr.task_key) as agent, nullif(task -> 'executor' ->> 'modelHint', '') as model,
            count(*) filter (where tr.status = 'failed')::int as failed, count(*)::int as total
          from rr join task_runs tr on tr.run_id = rr.id
          join workflow_versions v on v.workflow_id = rr.workflow_id and v.version = rr.definition_version
          cross join lateral (
            select t as task from jsonb_array_elements(v.definition -> 'stages') s, jsonb_array_elements(s -> 'taskGraph' -> 'tasks') t
            where s ->> 'id' = rr.stage_id::text and t ->> 'id' = tr.task_key
          ) d
          where task -> 'executor' ->> 'kind' = 'agent' and tr.status in ('completed', 'failed')
          group by 1, 2
          having count(*) filter (where tr.status = 'failed') > 0`,
    ),
  ]);
  const total = Number(summary?.total ?? 0);
  const completed = Number(summary?.completed ?? 0);
  const failed = Number(summary?.failed ?? 0);
  const cancelled = Number(summary?.cancelled ?? 0);
  const ended = completed + failed + cancelled;
  const taskFigures = tasks.map((t) => ({
    stageName: t.stage_name,
    taskKey: t.task_key,
    finished: Number(t.finished),
    failed: Number(t.failed),
    meanMs: num(t.mean),
    p85Ms: num(t.p85),
  }));
  return {
    total,
    completed,
    failed,
    cancelled,
    active: total - ended,
    successRate: rate(completed, ended),
    failureRate: rate(failed, ended),
    duration: durationStats(summary),
    tasks: taskFigures,
    topFailingTasks: tasks
      .filter((t) => Number(t.failed) > 0)
      .sort((a, b) => Number(b.failed) - Number(a.failed) || a.task_key.localeCompare(b.task_key))
      .slice(0, 5)
      .map((t) => ({ stageName: t.stage_name, taskKey: t.task_key, failed: Number(t.failed), lastError: t.last_error })),
    topFailingAgents: [
      ...agentTasks.map((a) => ({ source: "task" as const, agent: a.agent, model: a.model, failed: Number(a.failed), total: Number(a.total) })),
      ...assists.map((a) => ({ source: "assist" as const, agent: a.agent, model: a.model, failed: Number(a.failed), total: Number(a.total) })),
    ]
      .sort((a, b) => b.failed - a.failed || b.total - a.total || a.agent.localeCompare(b.agent))
      .slice(0, 5),
  };
}
