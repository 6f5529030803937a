import type { AnalyticsScope } from "@/lib/analytics/scope";
import { getStageFigures } from "@/lib/analytics/workflow";
import type { StageFigures } from "@/lib/analytics/types";
import { BarsChart } from "./bars-chart";
import { durationCell } from "./cells";
import { COLORS } from "./chart-theme";
import { ChartPanel } from "./chart-panel";
import { csvFileName } from "./csv";
import { formatDuration } from "./format";
import type { TableSpec } from "./table-spec";
import { EmptyState, WidgetFrame } from "./widget-frame";

const TYPE_LABEL: Record<StageFigures["type"], string> = { HUMAN: "Human", AUTOMATION: "Automation", AGENT_ASSIST: "Agent assist" };

function stageTable(stages: StageFigures[], bottleneckStageId: string | null): TableSpec {
  const row = stages.findIndex((s) => s.stageId === bottleneckStageId);
  return {
    caption: "Per stage: moves in and out inside the range, time spent by visits that ended in it, items there now",
    columns: [
      { key: "stage", label: "Stage" },
      { key: "type", label: "Type" },
      { key: "entered", label: "Entered", numeric: true },
      { key: "exited", label: "Exited", numeric: true },
      { key: "mean", label: "Mean time", csvLabel: "Mean time in stage (hours)", numeric: true },
      { key: "p85", label: "85th pct time", csvLabel: "85th percentile time in stage (hours)", numeric: true },
      { key: "itemTime", label: "Item-time in range", csvLabel: "Item-time in range (hours)", numeric: true },
      { key: "current", label: "Now", csvLabel: "Items now", numeric: true },
    ],
    rows: stages.map((s) => ({
      stage: s.name,
      type: TYPE_LABEL[s.type],
      entered: s.entered,
      exited: s.exited,
      mean: durationCell(s.timeInStage.meanMs),
      p85: durationCell(s.timeInStage.p85Ms),
      itemTime: durationCell(s.itemTimeMs),
      current: s.current,
    })),
    highlight: row >= 0 ? { row, badge: "Bottleneck", testId: "bottleneck-stage" } : null,
  };
}

/** Per stage: flow in and out, time in stage, items now; the stage where most item-time waits is marked. */
export async function StagesWidget({ scope, fileBase }: { scope: AnalyticsScope; fileBase: string }) {
  const { stages, bottleneckStageId } = await getStageFigures(scope);
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const bottleneck = ordered.find((s) => s.stageId === bottleneckStageId) ?? null;
  const waiting = ordered.filter((s) => !s.isLast);
  const waitingTotal = waiting.reduce((sum, s) => sum + s.itemTimeMs, 0);
  const lastName = ordered.find((s) => s.isLast)?.name ?? "the last stage";
  const table = stageTable(ordered, bottleneckStageId);
  const share = bottleneck && waitingTotal > 0 ? Math.round((bottleneck.itemTimeMs / waitingTotal) * 100) : null;
  return (
    <WidgetFrame
      testId="analytics-stages"
      title="Stages"
      description="Item-time is the time items spent in a stage inside the range, added up over items: where work waits."
    >
      {bottleneck ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="bottleneck-summary">
          <strong>{bottleneck.name}</strong> is the bottleneck: most item-time waiting in range ({formatDuration(bottleneck.itemTimeMs)}
          {share !== null ? `, ${share}% of the item-time before ${lastName}` : ""}).
          {bottleneck.current > 0 ? ` ${bottleneck.current} ${bottleneck.current === 1 ? "item is" : "items are"} there now.` : ""}
        </p>
      ) : null}
      {ordered.length === 0 ? (
        <EmptyState>This workflow has no stages yet.</EmptyState>
      ) : waitingTotal === 0 && ordered.every((s) => s.entered === 0 && s.current === 0) ? (
        <EmptyState>No items were in this workflow’s stages during the range. Create items and move them along the board to see where time goes.</EmptyState>
      ) : (
        <ChartPanel
          both
          summary={`Bar chart of item-time in range per stage before ${lastName}: ${waiting.map((s) => `${s.name} ${formatDuration(s.itemTimeMs)}`).join(", ")}.${bottleneck ? ` ${bottleneck.name} is the bottleneck.` : ""}`}
          table={table}
          fileName={csvFileName(fileBase, "stages")}
        >
          <BarsChart
            kind="duration"
            data={waiting.map((s) => ({ label: s.name, itemTime: s.itemTimeMs }))}
            series={[{ key: "itemTime", name: "Item-time in range", color: COLORS.bar }]}
            colors={waiting.map((s) => (s.stageId === bottleneckStageId ? COLORS.bottleneck : null))}
          />
        </ChartPanel>
      )}
    </WidgetFrame>
  );
}
