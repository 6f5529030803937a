import { sql } from "drizzle-orm";
import { type AnalyticsScope, assertVisible, filtersItems, itemFilter, rate, rows } from "./scope";
import { durationAggregates, durationStats, epochMs } from "./stats";
import type { AgentFigures } from "./types";

/**
 * Whether the agent helps: the recommendations created inside the range, how people received them,
 * how often auto-apply worked, and how long proposals waited for a decision.
 */
export async function getAgentFigures(scope: AnalyticsScope): Promise<AgentFigures> {
  await assertVisible(scope);
  const { db, workflowId, range } = scope;
  const wait = epochMs(sql`a.decided_at - a.finished_at`);
  const [row] = await rows<Record<string, unknown>>(
    db,
    sql`select count(*)::int as total,
          count(*) filter (where a.status = 'pending')::int as pending,
          count(*) filter (where a.status = 'proposed')::int as proposed,
          count(*) filter (where a.status = 'accepted')::int as accepted,
          count(*) filter (where a.status = 'rejected')::int as rejected,
          count(*) filter (where a.status = 'error')::int as errored,
          count(*) filter (where a.status = 'accepted' and (a.edited_plan is not null or a.edited_patch is not null))::int as edited,
          count(*) filter (where a.auto_apply is not null)::int as auto_attempted,
          count(*) filter (where (a.auto_apply ->> 'ok')::boolean)::int as auto_succeeded,
          ${durationAggregates(sql`case when a.status in ('accepted', 'rejected') and a.decided_at is not null and a.finished_at is not null then ${wait} end`)}
        from agent_recommendations a ${filtersItems(range) ? sql`join work_items i on i.id = a.work_item_id and ${itemFilter(range)}` : sql``}
        where a.workflow_id = ${workflowId} and a.created_at >= ${range.from.toISOString()}::timestamptz and a.created_at < ${range.to.toISOString()}::timestamptz`,
  );
  const n = (k: string) => Number(row?.[k] ?? 0);
  const accepted = n("accepted");
  const rejected = n("rejected");
  return {
    total: n("total"),
    pending: n("pending"),
    proposed: n("proposed"),
    accepted,
    rejected,
    errored: n("errored"),
    acceptanceRate: rate(accepted, accepted + rejected),
    editRate: rate(n("edited"), accepted),
    autoApply: { attempted: n("auto_attempted"), succeeded: n("auto_succeeded"), successRate: rate(n("auto_succeeded"), n("auto_attempted")) },
    reviewWait: durationStats(row),
  };
}
