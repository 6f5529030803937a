import type { AnalyticsScope } from "@/lib/analytics/scope";
import { getFlow } from "@/lib/analytics/workflow";
import { ChartPanel } from "./chart-panel";
import { STAGE_PALETTE } from "./chart-theme";
import { csvFileName } from "./csv";
import { FlowChart } from "./flow-chart";
import { formatBucket } from "./format";
import type { Cell, TableSpec } from "./table-spec";
import { EmptyState, WidgetFrame } from "./widget-frame";

/** Cumulative flow: how many items were in each stage at the end of each day or week. */
export async function FlowWidget({ scope, fileBase }: { scope: AnalyticsScope; fileBase: string }) {
  const { stages, points } = await getFlow(scope);
  const { bucket } = scope.range;
  const per = bucket === "week" ? "week" : "day";
  const series = stages.map((s, i) => ({ key: s.stageId, name: s.name, color: STAGE_PALETTE[i % STAGE_PALETTE.length]! }));
  const data = points.map((p) => ({ label: formatBucket(p.bucketStart, bucket), ...Object.fromEntries(stages.map((s) => [s.stageId, p.counts[s.stageId] ?? 0])) }));
  const total = (p: (typeof points)[number]) => stages.reduce((sum, s) => sum + (p.counts[s.stageId] ?? 0), 0);
  const last = points.at(-1);
  const table: TableSpec = {
    caption: `Items in each stage at the end of each ${per}`,
    columns: [
      { key: "bucket", label: bucket === "week" ? "Week" : "Day" },
      ...stages.map((s) => ({ key: s.stageId, label: s.name, numeric: true })),
      { key: "total", label: "Total", numeric: true },
    ],
    rows: points.map((p, i) => ({
      bucket: { text: data[i]!.label, raw: p.bucketStart },
      ...Object.fromEntries(stages.map((s): [string, Cell] => [s.stageId, p.counts[s.stageId] ?? 0])),
      total: total(p),
    })),
  };
  return (
    <WidgetFrame testId="analytics-flow" title="Cumulative flow" description={`Items in each stage at the end of each ${per}; the last stage at the bottom. A widening band is a queue growing.`}>
      {stages.length === 0 || points.every((p) => total(p) === 0) ? (
        <EmptyState>No items existed in this range. The bands fill as items are created and move through the stages.</EmptyState>
      ) : (
        <ChartPanel
          summary={`Stacked area chart of items per stage at the end of each ${per}.${last ? ` At the end: ${stages.map((s) => `${s.name} ${last.counts[s.stageId] ?? 0}`).join(", ")}.` : ""}`}
          table={table}
          fileName={csvFileName(fileBase, "cumulative-flow")}
        >
          <FlowChart stages={series} data={data} />
        </ChartPanel>
      )}
    </WidgetFrame>
  );
}
