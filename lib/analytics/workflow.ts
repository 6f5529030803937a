import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { getAgentFigures } from "./agents";
import { getFlowFigures } from "./flow";
import { getRunFigures } from "./runs";
import { type AnalyticsScope, assertVisible, oncePerScope, rows } from "./scope";
import type { WorkflowAnalytics } from "./types";

export { getAgentFigures, getFlowFigures, getRunFigures };

/** The flow figures feed five widgets; those of one page share one computation. */
const flow = oncePerScope(getFlowFigures);

/** Headline counts and cycle time. */
export const getTotals = (scope: AnalyticsScope) => flow(scope).then((f) => f.totals);
/** Per-stage entries, exits, time in stage, current count and the bottleneck. */
export const getStageFigures = (scope: AnalyticsScope) => flow(scope).then((f) => ({ stages: f.stages, bottleneckStageId: f.bottleneckStageId }));
/** Completions and creations per bucket. */
export const getThroughput = (scope: AnalyticsScope) => flow(scope).then((f) => f.throughput);
/** Items per stage at the end of each bucket. */
export const getFlow = (scope: AnalyticsScope) => flow(scope).then((f) => f.flow);
/** Each completed item's cycle time, and their statistics. */
export const getCycleTimes = (scope: AnalyticsScope) => flow(scope).then((f) => f.cycleTimes);

/** Every figure of `/workflows/[id]/analytics` at once (the API and the benchmark read this). */
export async function getWorkflowAnalytics(scope: AnalyticsScope): Promise<WorkflowAnalytics> {
  const [f, runs, agents] = await Promise.all([flow(scope), getRunFigures(scope), getAgentFigures(scope)]);
  const { range } = scope;
  return {
    workflowId: scope.workflowId,
    range: { from: range.from.toISOString(), to: range.to.toISOString(), bucket: range.bucket },
    totals: f.totals,
    stages: f.stages,
    bottleneckStageId: f.bottleneckStageId,
    throughput: f.throughput,
    flow: f.flow.points,
    cycleTimes: f.cycleTimes.points,
    runs,
    agents,
  };
}

/** The people the assignee filter offers: everyone assigned to one of the workflow's items. */
export async function getFilterOptions({ db, actor, workflowId }: { db: Db; actor: Actor; workflowId: string }) {
  await assertVisible({ db, actor, workflowId });
  const assignees = await rows<{ id: string; name: string }>(
    db,
    sql`select u.id, u.name from users u
        where exists (select 1 from work_items i where i.workflow_id = ${workflowId} and i.assignee_id = u.id)
        order by u.name`,
  );
  return { assignees };
}
