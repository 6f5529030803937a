import type { Priority } from "@/db/schema";

/**
 * The shapes the analytics pages read. Every figure is computed in SQL over the transition history,
 * runs and recommendations (lib/analytics), for one date range [from, to) and the filters below.
 * Durations are milliseconds; rates are fractions 0..1, or null when nothing was there to divide.
 */

export type Bucket = "day" | "week";

/** What the dashboard is asked for: a half-open range, a bucket for the time series, item filters. */
export type AnalyticsRange = {
  from: Date;
  to: Date;
  bucket: Bucket;
  /** Only items with one of these priorities; empty or absent = all. */
  priorities?: Priority[];
  /** Only items assigned to this user; null = unassigned items; absent = everyone. */
  assigneeId?: string | null;
};

/** Mean, median and 85th percentile of a set of durations; all null when the set is empty. */
export type DurationStats = { count: number; meanMs: number | null; medianMs: number | null; p85Ms: number | null };

/** The headline figures: counts are as of `to`; completions and cycle times are those inside the range. */
export type Totals = {
  /** Items that existed at `to` (created before it, not archived by then). */
  items: number;
  /** Of those, the ones in the workflow's last stage at `to`. */
  completed: number;
  /** items − completed. */
  inProgress: number;
  /** Items created inside the range. */
  created: number;
  /** Items whose completion (last entry into the last stage, still there at `to`) falls inside the range. */
  completedInRange: number;
  /** Creation to completion, for the items completed inside the range. */
  cycleTime: DurationStats;
};

export type StageFigures = {
  stageId: string;
  name: string;
  position: number;
  type: "HUMAN" | "AUTOMATION" | "AGENT_ASSIST";
  isLast: boolean;
  /** Transitions into the stage inside the range (the creation counts as entering the first stage). */
  entered: number;
  /** Transitions out of the stage inside the range. */
  exited: number;
  /** Durations of the visits that ended inside the range (by a move out); a visit may have begun before it. */
  timeInStage: { count: number; meanMs: number | null; p85Ms: number | null };
  /** Items in the stage now (unarchived), regardless of the range. */
  current: number;
  /** Item-time spent in the stage inside the range (visits clipped to it), in ms: where work waits. */
  itemTimeMs: number;
};

/** One point per bucket; the series are dense (a bucket without completions has 0). */
export type ThroughputPoint = { bucketStart: string; completed: number; created: number };

/** Items in each stage at the end of each bucket (or at `to` for the last one); keys are stage ids. */
export type FlowPoint = { bucketStart: string; counts: Record<string, number> };

/** One completed item, for the cycle-time scatter. */
export type CycleTimePoint = { itemId: string; title: string; completedAt: string; cycleTimeMs: number };

export type RunFigures = {
  /** Runs created inside the range, by final state; unfinished runs are `active`. */
  total: number;
  completed: number;
  failed: number;
  cancelled: number;
  active: number;
  /** completed / (completed + failed + cancelled); failure rate the same with failed. */
  successRate: number | null;
  failureRate: number | null;
  duration: DurationStats;
  /** Per task key (and stage): how long finished attempts took and how many failed. */
  tasks: { stageName: string; taskKey: string; finished: number; failed: number; meanMs: number | null; p85Ms: number | null }[];
  /** Task keys with failures, most failures first (at most 5). */
  topFailingTasks: { stageName: string; taskKey: string; failed: number; lastError: string | null }[];
  /**
   * The agents that failed most (at most 5): agent tasks of task graphs by role (`task`), and agent-assist
   * recommendations by engine (`assist`); `total` is their calls in the range.
   */
  topFailingAgents: { agent: string; source: "task" | "assist"; model: string | null; failed: number; total: number }[];
};

export type AgentFigures = {
  /** Recommendations created inside the range. */
  total: number;
  pending: number;
  proposed: number;
  accepted: number;
  rejected: number;
  errored: number;
  /** accepted / (accepted + rejected). */
  acceptanceRate: number | null;
  /** Of the accepted, the share a reviewer edited first. */
  editRate: number | null;
  autoApply: { attempted: number; succeeded: number; successRate: number | null };
  /** From the proposal being ready to a person's decision, for decided recommendations. */
  reviewWait: DurationStats;
};

/** Everything `/workflows/[id]/analytics` shows. `bottleneckStageId` is the non-last stage with the most item-time. */
export type WorkflowAnalytics = {
  workflowId: string;
  range: { from: string; to: string; bucket: Bucket };
  totals: Totals;
  stages: StageFigures[];
  bottleneckStageId: string | null;
  throughput: ThroughputPoint[];
  flow: FlowPoint[];
  cycleTimes: CycleTimePoint[];
  runs: RunFigures;
  agents: AgentFigures;
};

/** One row of `/analytics`: a visible workflow's headline figures over the range. */
export type WorkflowSummary = {
  workflowId: string;
  name: string;
  visibility: "personal" | "team" | "global";
  totals: Totals;
  runs: { total: number; failed: number; failureRate: number | null };
  agents: { total: number; accepted: number; rejected: number; acceptanceRate: number | null };
};

/** `/analytics`: the same figures over every workflow the actor can see, and their sum. */
export type Overview = {
  range: { from: string; to: string; bucket: Bucket };
  totals: Totals;
  workflows: WorkflowSummary[];
};
