import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { visibleWorkflowsWhere } from "@/lib/auth/visibility";
import { stillThere } from "./flow";
import { filtersItems, itemFilter, rate, rows } from "./scope";
import { durationAggregates, durationStats, epochMs } from "./stats";
import type { AnalyticsRange, DurationStats, Overview, Totals, WorkflowSummary } from "./types";

type Counts = { items: number; completed: number; created: number };

/** What the overview is computed for: the actor's visible workflows over one range. */
export type OverviewScope = { db: Db; actor: Actor; range: AnalyticsRange };

/**
 * `/analytics`: the headline figures of every workflow the actor can see (templates and archived
 * workflows aside), each as its own page would show them, and their sum. Visibility is part of every
 * statement, so a workflow the actor cannot see counts nowhere, not even in the totals.
 */
export async function getOverview({ db, actor, range }: OverviewScope): Promise<Overview> {
  const visible = sql`select id, (select s.id from stages s where s.workflow_id = workflows.id and s.removed_at is null order by s.position desc limit 1) as last_stage
    from workflows where ${visibleWorkflowsWhere(actor)} and not workflows.is_template and workflows.archived_at is null`;
  const from = sql`${range.from.toISOString()}::timestamptz`;
  const to = sql`${range.to.toISOString()}::timestamptz`;
  const filter = itemFilter(range);
  const itemJoin = (column: string) => (filtersItems(range) ? sql`join work_items i on i.id = ${sql.raw(column)} and ${filter}` : sql``);

  const [list, items, later, done, runRows, agentRows] = await Promise.all([
    rows<{ id: string; name: string; visibility: WorkflowSummary["visibility"] }>(
      db,
      sql`select id, name, visibility from workflows
          where ${visibleWorkflowsWhere(actor)} and not workflows.is_template and workflows.archived_at is null order by lower(name), id`,
    ),
    // Counts now, corrected below by what happened after `to`, give the counts as of `to`.
    rows<Record<string, unknown>>(
      db,
      sql`with wv as materialized (${visible})
          select i.workflow_id as id,
            count(*) filter (where i.archived_at is null)::int as cur,
            count(*) filter (where i.archived_at is null and i.stage_id = wv.last_stage)::int as cur_last,
            count(*) filter (where i.archived_at >= ${to})::int as arch_after,
            count(*) filter (where i.archived_at >= ${to} and i.stage_id = wv.last_stage)::int as arch_after_last
          from work_items i join wv on wv.id = i.workflow_id
          where ${filter}
          group by 1`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`with wv as materialized (${visible})
          select wv.id,
            count(*) filter (where t.from_stage_id is null and t.at >= ${to})::int as created_after,
            count(*) filter (where t.from_stage_id is null and t.at < ${to})::int as created,
            count(*) filter (where t.to_stage_id = wv.last_stage and t.at >= ${to})::int as into_last,
            count(*) filter (where t.from_stage_id = wv.last_stage and t.at >= ${to})::int as out_of_last
          from work_item_transitions t join stages s on s.id = t.to_stage_id join wv on wv.id = s.workflow_id ${itemJoin("t.work_item_id")}
          where t.at >= ${from}
          group by 1`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`with wv as materialized (${visible}),
          entered as (
            select t.work_item_id as item, max(t.at) as at from work_item_transitions t
            where t.to_stage_id in (select last_stage from wv) and t.at >= ${from} and t.at < ${to}
            group by 1
          ),
          done as (
            select i.workflow_id as id, ${epochMs(sql`e.at - i.created_at`)} as ms
            from entered e join work_items i on i.id = e.item join wv on wv.id = i.workflow_id
            where (i.archived_at is null or i.archived_at >= ${to}) and ${filter} and ${stillThere(range, sql`wv.last_stage`)}
          )
          select id, ${durationAggregates(sql`ms`)} from done group by grouping sets ((id), ())`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`with wv as materialized (${visible})
          select r.workflow_id as id, count(*)::int as total,
            count(*) filter (where r.status = 'failed')::int as failed,
            count(*) filter (where r.status in ('completed', 'failed', 'cancelled'))::int as ended
          from runs r ${filtersItems(range) ? sql`join work_items i on i.id = r.work_item_id and ${filter}` : sql``}
          where r.workflow_id in (select id from wv) and r.created_at >= ${from} and r.created_at < ${to}
          group by 1`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`with wv as materialized (${visible})
          select a.workflow_id as id, count(*)::int as total,
            count(*) filter (where a.status = 'accepted')::int as accepted,
            count(*) filter (where a.status = 'rejected')::int as rejected
          from agent_recommendations a ${itemJoin("a.work_item_id")}
          where a.workflow_id in (select id from wv) and a.created_at >= ${from} and a.created_at < ${to}
          group by 1`,
    ),
  ]);

  const byId = (list: Record<string, unknown>[]) => new Map(list.map((r) => [r.id as string | null, r]));
  const n = (r: Record<string, unknown> | undefined, k: string) => Number(r?.[k] ?? 0);
  const [itemsOf, laterOf, doneOf, runsOf, agentsOf] = [items, later, done, runRows, agentRows].map(byId) as Map<string | null, Record<string, unknown>>[];

  const totalsOf = (c: Counts, cycleTime: DurationStats): Totals => ({
    items: c.items,
    completed: c.completed,
    inProgress: c.items - c.completed,
    created: c.created,
    completedInRange: cycleTime.count,
    cycleTime,
  });
  const workflows: WorkflowSummary[] = list.map((w) => {
    const i = itemsOf!.get(w.id);
    const l = laterOf!.get(w.id);
    const counts: Counts = {
      items: n(i, "cur") - n(l, "created_after") + n(i, "arch_after"),
      completed: n(i, "cur_last") - n(l, "into_last") + n(l, "out_of_last") + n(i, "arch_after_last"),
      created: n(l, "created"),
    };
    const r = runsOf!.get(w.id);
    const a = agentsOf!.get(w.id);
    return {
      workflowId: w.id,
      name: w.name,
      visibility: w.visibility,
      totals: totalsOf(counts, durationStats(doneOf!.get(w.id) as never)),
      runs: { total: n(r, "total"), failed: n(r, "failed"), failureRate: rate(n(r, "failed"), n(r, "ended")) },
      agents: { total: n(a, "total"), accepted: n(a, "accepted"), rejected: n(a, "rejected"), acceptanceRate: rate(n(a, "accepted"), n(a, "accepted") + n(a, "rejected")) },
    };
  });
  const sum = (k: keyof Counts) => workflows.reduce((s, w) => s + w.totals[k], 0);
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString(), bucket: range.bucket },
    totals: totalsOf({ items: sum("items"), completed: sum("completed"), created: sum("created") }, durationStats(doneOf!.get(null) as never)),
    workflows,
  };
}
