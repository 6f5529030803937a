import { analyticsQuery, overviewResponse, workflowAnalyticsResponse } from "./analytics-schemas";
import type { Operation } from "./openapi";

/** The documented analytics operations: one workflow's figures, and the overview of all the caller can see. */
export const analyticsOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/workflows/{id}/analytics",
    operationId: "getWorkflowAnalytics",
    summary: "A workflow's flow, run and agent figures",
    description:
      "Totals and cycle time as of the range's end; per stage entries, exits, time in stage and item-time; throughput and cumulative flow per bucket; cycle times; run and agent figures for what was created inside the range. Durations in milliseconds, rates as fractions.",
    query: analyticsQuery,
    ok: { status: 200, name: "WorkflowAnalytics", schema: workflowAnalyticsResponse, description: "Every figure of the analytics page." },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/analytics",
    operationId: "getAnalyticsOverview",
    summary: "Headline figures across the workflows you can see",
    description: "One row per workflow you can see (templates and archived workflows aside) and their sum; nothing else is counted.",
    query: analyticsQuery,
    ok: { status: 200, name: "AnalyticsOverview", schema: overviewResponse, description: "Each workflow's totals, runs and agent figures." },
    errors: [400],
  },
];
