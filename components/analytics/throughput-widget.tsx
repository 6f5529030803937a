import type { AnalyticsScope } from "@/lib/analytics/scope";
import { getThroughput } from "@/lib/analytics/workflow";
import { ChartPanel } from "./chart-panel";
import { csvFileName } from "./csv";
import { formatBucket, formatRange } from "./format";
import type { TableSpec } from "./table-spec";
import { ThroughputChart } from "./throughput-chart";
import { EmptyState, WidgetFrame } from "./widget-frame";

/** Items completed and created per day or week. */
export async function ThroughputWidget({ scope, fileBase }: { scope: AnalyticsScope; fileBase: string }) {
  const points = await getThroughput(scope);
  const { bucket } = scope.range;
  const per = bucket === "week" ? "week" : "day";
  const data = points.map((p) => ({ label: formatBucket(p.bucketStart, bucket), completed: p.completed, created: p.created }));
  const completed = points.reduce((s, p) => s + p.completed, 0);
  const created = points.reduce((s, p) => s + p.created, 0);
  const busiest = data.reduce<(typeof data)[number] | null>((best, p) => (p.completed > (best?.completed ?? 0) ? p : best), null);
  const table: TableSpec = {
    caption: `Items completed and created per ${per}`,
    columns: [
      { key: "bucket", label: bucket === "week" ? "Week" : "Day" },
      { key: "completed", label: "Completed", numeric: true },
      { key: "created", label: "Created", numeric: true },
    ],
    rows: points.map((p, i) => ({ bucket: { text: data[i]!.label, raw: p.bucketStart }, completed: p.completed, created: p.created })),
  };
  return (
    <WidgetFrame testId="analytics-throughput" title="Throughput" description={`Items completed (reached the last stage) and created, per ${per}.`}>
      {completed === 0 && created === 0 ? (
        <EmptyState>No items were created or completed in this range. Each item created adds to “Created”; each item that reaches the last stage adds to “Completed”.</EmptyState>
      ) : (
        <ChartPanel
          summary={`Line chart of items completed and created per ${per}, ${formatRange(scope.range.from, scope.range.to)}: ${completed} completed, ${created} created in all.${busiest ? ` Most completions: ${busiest.label}, ${busiest.completed}.` : ""}`}
          table={table}
          fileName={csvFileName(fileBase, "throughput")}
        >
          <ThroughputChart data={data} />
        </ChartPanel>
      )}
    </WidgetFrame>
  );
}
