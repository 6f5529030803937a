import type { AnalyticsScope } from "@/lib/analytics/scope";
import { getRunFigures } from "@/lib/analytics/workflow";
import { BarsChart } from "./bars-chart";
import { durationCell } from "./cells";
import { COLORS } from "./chart-theme";
import { ChartPanel } from "./chart-panel";
import { csvFileName } from "./csv";
import { DataTable } from "./data-table";
import { formatCount, formatDuration, formatPercent } from "./format";
import type { TableSpec } from "./table-spec";
import { EmptyState, Stat, WidgetFrame } from "./widget-frame";

const clip = (s: string | null, n = 200) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Runs of the workflow's task graphs started in the range: outcomes, durations, the tasks and agents that fail. */
export async function RunsWidget({ scope, fileBase }: { scope: AnalyticsScope; fileBase: string }) {
  const runs = await getRunFigures(scope);
  const taskName = (t: { stageName: string; taskKey: string }) => `${t.stageName} · ${t.taskKey}`;
  const tasks: TableSpec = {
    caption: "Finished task attempts by task: how long they took and how many failed",
    columns: [
      { key: "stage", label: "Stage" },
      { key: "task", label: "Task" },
      { key: "finished", label: "Finished", numeric: true },
      { key: "failed", label: "Failed", numeric: true },
      { key: "mean", label: "Mean", csvLabel: "Mean duration (hours)", numeric: true },
      { key: "p85", label: "85th pct", csvLabel: "85th percentile duration (hours)", numeric: true },
    ],
    rows: runs.tasks.map((t) => ({ stage: t.stageName, task: t.taskKey, finished: t.finished, failed: t.failed, mean: durationCell(t.meanMs), p85: durationCell(t.p85Ms) })),
  };
  const failing: TableSpec = {
    caption: "Tasks that failed most in the range, with the last error",
    columns: [
      { key: "task", label: "Task" },
      { key: "failed", label: "Failures", numeric: true },
      { key: "error", label: "Last error", prose: true },
    ],
    rows: runs.topFailingTasks.map((t) => ({ task: taskName(t), failed: t.failed, error: clip(t.lastError) ?? "—" })),
  };
  const agents: TableSpec = {
    caption: "Agents that failed most in the range: agent tasks by role, agent-assist recommendations by engine",
    columns: [
      { key: "agent", label: "Agent" },
      { key: "source", label: "As" },
      { key: "model", label: "Model" },
      { key: "failed", label: "Failed", numeric: true },
      { key: "total", label: "Of", numeric: true },
    ],
    rows: runs.topFailingAgents.map((a) => ({ agent: a.agent, source: a.source === "task" ? "Task-graph agent" : "Agent assist", model: a.model ?? "—", failed: a.failed, total: a.total })),
  };
  const empty = runs.total === 0 && runs.tasks.length === 0 && runs.topFailingAgents.length === 0;
  return (
    <WidgetFrame testId="analytics-runs" title="Runs" description="Runs of the stages’ task graphs started in the range, and how their tasks fared.">
      {empty ? (
        <EmptyState>No runs started in this range. A run starts when an item enters an Automation or Agent-assist stage that has a task graph.</EmptyState>
      ) : (
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Stat label="Runs" value={formatCount(runs.total)} hint={`${runs.completed} completed · ${runs.failed} failed · ${runs.cancelled} cancelled · ${runs.active} active`} testId="runs-total" />
            <Stat label="Success rate" value={formatPercent(runs.successRate)} hint="of finished runs" testId="runs-success-rate" />
            <Stat label="Failure rate" value={formatPercent(runs.failureRate)} hint="of finished runs" testId="runs-failure-rate" />
            <Stat
              label="Run duration, median"
              value={formatDuration(runs.duration.medianMs)}
              hint={`mean ${formatDuration(runs.duration.meanMs)} · 85th ${formatDuration(runs.duration.p85Ms)}`}
              testId="runs-duration-median"
            />
          </dl>
          <div className="grid gap-5 xl:grid-cols-2">
            <div className="min-w-0 space-y-1">
              <h3 className="text-sm font-medium text-slate-800">Duration by task</h3>
              {runs.tasks.length === 0 ? (
                <EmptyState>No task attempts finished in this range.</EmptyState>
              ) : (
                <ChartPanel
                  summary={`Bar chart of mean and 85th percentile duration per task: ${runs.tasks.map((t) => `${taskName(t)} ${formatDuration(t.meanMs)}`).join(", ")}.`}
                  table={tasks}
                  fileName={csvFileName(fileBase, "task-durations")}
                >
                  <BarsChart
                    kind="duration"
                    data={runs.tasks.map((t) => ({ label: taskName(t), mean: t.meanMs, p85: t.p85Ms }))}
                    series={[
                      { key: "mean", name: "Mean", color: COLORS.bar },
                      { key: "p85", name: "85th percentile", color: COLORS.barAlt },
                    ]}
                  />
                </ChartPanel>
              )}
            </div>
            <div className="min-w-0 space-y-4">
              <div className="space-y-1" data-testid="top-failing-tasks">
                <h3 className="text-sm font-medium text-slate-800">Top failing tasks</h3>
                {failing.rows.length ? <DataTable spec={failing} captionHidden /> : <p className="text-sm text-slate-500">No task failed in this range.</p>}
              </div>
              <div className="space-y-1" data-testid="top-failing-agents">
                <h3 className="text-sm font-medium text-slate-800">Top failing agents</h3>
                {agents.rows.length ? <DataTable spec={agents} captionHidden /> : <p className="text-sm text-slate-500">No agent failed in this range.</p>}
              </div>
            </div>
          </div>
        </div>
      )}
    </WidgetFrame>
  );
}
