import type { AnalyticsScope } from "@/lib/analytics/scope";
import { getAgentFigures } from "@/lib/analytics/workflow";
import { BarsChart } from "./bars-chart";
import { COLORS, STATUS_COLORS } from "./chart-theme";
import { ChartPanel } from "./chart-panel";
import { csvFileName } from "./csv";
import { formatCount, formatDuration, formatPercent } from "./format";
import type { TableSpec } from "./table-spec";
import { EmptyState, Stat, WidgetFrame } from "./widget-frame";

const STATUSES = [
  { key: "pending", label: "Pending" },
  { key: "proposed", label: "Proposed" },
  { key: "accepted", label: "Accepted" },
  { key: "rejected", label: "Rejected" },
  { key: "errored", label: "Errored" },
] as const;

/** Agent recommendations made in the range: what became of them, and how long they waited for a person. */
export async function AgentsWidget({ scope, fileBase }: { scope: AnalyticsScope; fileBase: string }) {
  const a = await getAgentFigures(scope);
  const table: TableSpec = {
    caption: "Agent recommendations created in the range, by status",
    columns: [
      { key: "status", label: "Status" },
      { key: "count", label: "Recommendations", numeric: true },
    ],
    rows: STATUSES.map((s) => ({ status: s.label, count: a[s.key] })),
  };
  return (
    <WidgetFrame testId="analytics-agents" title="Agent recommendations" description="Recommendations made in Agent-assist stages in the range, and what people did with them.">
      {a.total === 0 ? (
        <EmptyState>No agent recommendations in this range. They appear when an item enters an Agent-assist stage and the agent proposes a change.</EmptyState>
      ) : (
        <div className="grid gap-5 xl:grid-cols-2">
          <dl className="grid grid-cols-2 content-start gap-3">
            <Stat label="Acceptance rate" value={formatPercent(a.acceptanceRate)} hint={`${a.accepted} accepted · ${a.rejected} rejected`} testId="agents-acceptance-rate" />
            <Stat label="Edit rate" value={formatPercent(a.editRate)} hint="accepted after a reviewer’s edit" testId="agents-edit-rate" />
            <Stat
              label="Auto-apply success"
              value={formatPercent(a.autoApply.successRate)}
              hint={a.autoApply.attempted ? `${a.autoApply.succeeded} of ${a.autoApply.attempted} applied` : "none attempted"}
              testId="agents-auto-apply"
            />
            <Stat
              label="Wait for review, median"
              value={formatDuration(a.reviewWait.medianMs)}
              hint={`85th ${formatDuration(a.reviewWait.p85Ms)} · ${a.reviewWait.count} decided`}
              testId="agents-review-wait"
            />
          </dl>
          <ChartPanel
            summary={`Bar chart of ${formatCount(a.total)} recommendations by status: ${STATUSES.map((s) => `${s.label.toLowerCase()} ${a[s.key]}`).join(", ")}.`}
            table={table}
            fileName={csvFileName(fileBase, "recommendations")}
          >
            <BarsChart
              kind="count"
              data={STATUSES.map((s) => ({ label: s.label, count: a[s.key] }))}
              series={[{ key: "count", name: "Recommendations", color: COLORS.bar }]}
              colors={STATUSES.map((s) => STATUS_COLORS[s.key] ?? null)}
            />
          </ChartPanel>
        </div>
      )}
    </WidgetFrame>
  );
}
