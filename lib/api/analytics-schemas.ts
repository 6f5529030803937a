import { z } from "zod";
import { priority } from "@/db/schema";
import type { Overview, WorkflowAnalytics } from "@/lib/analytics/types";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-01.");

/** The range and filters, as query parameters: a preset or `custom` with `from` and `to` (whole UTC days). */
export const analyticsQuery = z.object({
  range: z.enum(["7d", "30d", "90d", "365d", "custom"]).optional().describe("A preset ending now (default 30d), or `custom` with `from` and `to`."),
  from: day.optional().describe("First day of a custom range (UTC), e.g. 2026-03-01."),
  to: day.optional().describe("Last day of a custom range (UTC), included."),
  bucket: z.enum(["day", "week"]).optional().describe("Time-series bucket; by default days up to 92 days, weeks beyond."),
  priority: z
    .string()
    .optional()
    .describe(`Only items with these priorities, separated by commas: ${priority.enumValues.join(", ")}.`),
  assignee: z.string().optional().describe("Only items assigned to this user id, or `none` for unassigned items."),
});

const ms = z.number().nullable();
const durationStats = z.object({ count: z.number().int(), meanMs: ms, medianMs: ms, p85Ms: ms });
const rate = z.number().min(0).max(1).nullable();
const range = z.object({ from: z.string(), to: z.string(), bucket: z.enum(["day", "week"]) });
const totals = z.object({
  items: z.number().int().describe("Items that existed at the range's end (created before it, not archived by then)."),
  completed: z.number().int().describe("Of those, the ones in the workflow's last stage."),
  inProgress: z.number().int(),
  created: z.number().int().describe("Items created inside the range."),
  completedInRange: z.number().int().describe("Items whose completion falls inside the range."),
  cycleTime: durationStats.describe("Creation to completion, for the items completed inside the range (ms)."),
});

export const workflowAnalyticsResponse = z.object({
  workflowId: z.string(),
  range,
  totals,
  stages: z.array(
    z.object({
      stageId: z.string(),
      name: z.string(),
      position: z.number().int(),
      type: z.enum(["HUMAN", "AUTOMATION", "AGENT_ASSIST"]),
      isLast: z.boolean(),
      entered: z.number().int(),
      exited: z.number().int(),
      timeInStage: z.object({ count: z.number().int(), meanMs: ms, p85Ms: ms }).describe("Visits that ended inside the range."),
      current: z.number().int().describe("Unarchived items in the stage now."),
      itemTimeMs: z.number().describe("Item-time spent in the stage inside the range."),
    }),
  ),
  bottleneckStageId: z.string().nullable().describe("The stage, other than the last, with the most item-time."),
  throughput: z.array(z.object({ bucketStart: z.string(), completed: z.number().int(), created: z.number().int() })),
  flow: z.array(z.object({ bucketStart: z.string(), counts: z.record(z.string(), z.number().int()) })).describe("Items per stage id at each bucket's end."),
  cycleTimes: z.array(z.object({ itemId: z.string(), title: z.string(), completedAt: z.string(), cycleTimeMs: z.number() })).describe("The most recent 2,000 completions."),
  runs: z.object({
    total: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    active: z.number().int(),
    successRate: rate,
    failureRate: rate,
    duration: durationStats,
    tasks: z.array(z.object({ stageName: z.string(), taskKey: z.string(), finished: z.number().int(), failed: z.number().int(), meanMs: ms, p85Ms: ms })),
    topFailingTasks: z.array(z.object({ stageName: z.string(), taskKey: z.string(), failed: z.number().int(), lastError: z.string().nullable() })),
    topFailingAgents: z
      .array(z.object({ agent: z.string(), source: z.enum(["task", "assist"]), model: z.string().nullable(), failed: z.number().int(), total: z.number().int() }))
      .describe("Agent tasks by role (`task`) and agent-assist recommendations by engine (`assist`) that failed, most failures first."),
  }),
  agents: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    proposed: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    errored: z.number().int(),
    acceptanceRate: rate,
    editRate: rate,
    autoApply: z.object({ attempted: z.number().int(), succeeded: z.number().int(), successRate: rate }),
    reviewWait: durationStats,
  }),
}) satisfies z.ZodType<WorkflowAnalytics>;

export const overviewResponse = z.object({
  range,
  totals,
  workflows: z.array(
    z.object({
      workflowId: z.string(),
      name: z.string(),
      visibility: z.enum(["personal", "team", "global"]),
      totals,
      runs: z.object({ total: z.number().int(), failed: z.number().int(), failureRate: rate }),
      agents: z.object({ total: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), acceptanceRate: rate }),
    }),
  ),
}) satisfies z.ZodType<Overview>;
