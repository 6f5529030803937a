import type { AnalyticsScope } from "@/lib/analytics/scope";
import { getCycleTimes } from "@/lib/analytics/workflow";
import { durationCell } from "./cells";
import { ChartPanel } from "./chart-panel";
import { csvFileName } from "./csv";
import { CycleTimeChart } from "./cycle-time-chart";
import { formatDay, formatDuration } from "./format";
import type { TableSpec } from "./table-spec";
import { EmptyState, WidgetFrame } from "./widget-frame";

/** Each item completed in the range: when, and how long it took from creation; median and 85th percentile. */
export async function CycleTimeWidget({ scope, fileBase }: { scope: AnalyticsScope; fileBase: string }) {
  const { points, stats } = await getCycleTimes(scope);
  const sorted = [...points].sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  const table: TableSpec = {
    caption: "Items completed in the range, with their cycle time (creation to completion)",
    columns: [
      { key: "title", label: "Item" },
      { key: "completedAt", label: "Completed" },
      { key: "cycleTime", label: "Cycle time", csvLabel: "Cycle time (hours)", numeric: true },
    ],
    rows: sorted.map((p) => ({
      title: p.title,
      completedAt: { text: formatDay(p.completedAt, true), raw: p.completedAt },
      cycleTime: durationCell(p.cycleTimeMs),
    })),
  };
  return (
    <WidgetFrame
      testId="analytics-cycle-time"
      title="Cycle time"
      description={
        stats.count > 0
          ? `${stats.count} completed · median ${formatDuration(stats.medianMs)} · 85% within ${formatDuration(stats.p85Ms)}`
          : "From an item’s creation to its completion."
      }
    >
      {points.length === 0 ? (
        <EmptyState>No items were completed in this range. Each item that reaches the last stage adds a point: when it finished, and how long it took from creation.</EmptyState>
      ) : (
        <ChartPanel
          summary={`Scatter chart of ${points.length} completed items by completion date and cycle time; median ${formatDuration(stats.medianMs)}, 85th percentile ${formatDuration(stats.p85Ms)}.`}
          table={table}
          fileName={csvFileName(fileBase, "cycle-times")}
        >
          <CycleTimeChart
            data={sorted.map((p) => ({ title: p.title, completedAt: Date.parse(p.completedAt), cycleTimeMs: p.cycleTimeMs }))}
            medianMs={stats.medianMs}
            p85Ms={stats.p85Ms}
            from={scope.range.from.getTime()}
            to={scope.range.to.getTime()}
          />
        </ChartPanel>
      )}
    </WidgetFrame>
  );
}
