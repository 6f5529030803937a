import { getOverview } from "@/lib/analytics/overview";
import { rangeFromParams, rangeParamsSchema } from "@/lib/analytics/range";
import { getWorkflowAnalytics } from "@/lib/analytics/workflow";
import { parseInput } from "@/lib/validation";
import { analyticsQuery } from "./analytics-schemas";
import { type ApiContext, handleApi, parseQuery } from "./core";

/** The query's range and filters, checked by the same rules as the pages' (priorities come comma-separated). */
function rangeOf(req: Request) {
  const q = parseQuery(req, analyticsQuery);
  const params = parseInput(rangeParamsSchema, {
    ...q,
    range: q.range ?? "30d",
    priority: q.priority ? q.priority.split(",").map((p) => p.trim()).filter(Boolean) : [],
  });
  return rangeFromParams(params, new Date());
}

/** GET /api/v1/workflows/{id}/analytics: every figure of the workflow's analytics page. */
export function workflowAnalyticsRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => Response.json(await getWorkflowAnalytics({ db, actor, workflowId, range: rangeOf(req) })));
}

/** GET /api/v1/analytics: the headline figures of every workflow the caller can see, and their sum. */
export function overviewRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => Response.json(await getOverview({ db, actor, range: rangeOf(req) })));
}
