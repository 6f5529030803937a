import Link from "next/link";
import { VisibilityBadge } from "@/components/workflows/visibility-badge";
import type { WorkflowSummary } from "@/lib/analytics/types";
import { durationCell, rateCell } from "./cells";
import { CsvButton } from "./csv-button";
import { formatCount, formatDuration, formatPercent } from "./format";
import type { TableSpec } from "./table-spec";

/** The exported form of the overview's table (names and raw figures). */
function overviewCsv(workflows: WorkflowSummary[]): TableSpec {
  return {
    caption: "Workflows and their figures over the range",
    columns: [
      { key: "name", label: "Workflow" },
      { key: "items", label: "Items", numeric: true },
      { key: "completed", label: "Completed", numeric: true },
      { key: "inProgress", label: "In progress", numeric: true },
      { key: "completedInRange", label: "Completed in range", numeric: true },
      { key: "median", label: "Cycle time median", csvLabel: "Cycle time median (hours)", numeric: true },
      { key: "p85", label: "Cycle time 85th", csvLabel: "Cycle time 85th percentile (hours)", numeric: true },
      { key: "runs", label: "Runs", numeric: true },
      { key: "failureRate", label: "Run failure rate", numeric: true },
      { key: "recs", label: "Recommendations", numeric: true },
      { key: "acceptanceRate", label: "Acceptance rate", numeric: true },
    ],
    rows: workflows.map((w) => ({
      name: w.name,
      items: w.totals.items,
      completed: w.totals.completed,
      inProgress: w.totals.inProgress,
      completedInRange: w.totals.completedInRange,
      median: durationCell(w.totals.cycleTime.medianMs),
      p85: durationCell(w.totals.cycleTime.p85Ms),
      runs: w.runs.total,
      failureRate: rateCell(w.runs.failureRate),
      recs: w.agents.total,
      acceptanceRate: rateCell(w.agents.acceptanceRate),
    })),
  };
}

const th = "px-2 py-2 font-medium";
const num = "px-2 py-2 text-right tabular-nums text-slate-700";

/** Every visible workflow's figures over the range, each linking to its own analytics with the same range. */
export function OverviewTable({ workflows, search, fileName }: { workflows: WorkflowSummary[]; search: string; fileName: string }) {
  return (
    <section aria-labelledby="overview-workflows" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="analytics-workflows">
      <div className="flex items-center justify-between gap-3">
        <h2 id="overview-workflows" className="text-base font-semibold text-slate-900">
          Workflows
        </h2>
        {workflows.length ? <CsvButton table={overviewCsv(workflows)} fileName={fileName} /> : null}
      </div>
      {workflows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500" data-testid="widget-empty">
          No workflows to show. Workflows you own, your teams’ and global ones appear here with their figures.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Workflows and their figures over the range</caption>
            <thead>
              <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className={th}>
                  Workflow
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Items
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Completed
                </th>
                <th scope="col" className={`${th} text-right`}>
                  In progress
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Completed in range
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Cycle time median / 85th
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Runs (failed)
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Recommendations accepted
                </th>
              </tr>
            </thead>
            <tbody>
              {workflows.map((w) => (
                <tr key={w.workflowId} className="border-b border-slate-100 last:border-0" data-testid="analytics-workflow-row">
                  <th scope="row" className="px-2 py-2 font-medium">
                    <span className="flex flex-wrap items-center gap-2">
                      <Link href={`/workflows/${w.workflowId}/analytics${search}`} className="text-indigo-700 hover:underline">
                        {w.name}
                      </Link>
                      <VisibilityBadge visibility={w.visibility} />
                    </span>
                  </th>
                  <td className={num}>{formatCount(w.totals.items)}</td>
                  <td className={num}>{formatCount(w.totals.completed)}</td>
                  <td className={num}>{formatCount(w.totals.inProgress)}</td>
                  <td className={num}>{formatCount(w.totals.completedInRange)}</td>
                  <td className={num}>
                    {formatDuration(w.totals.cycleTime.medianMs)} / {formatDuration(w.totals.cycleTime.p85Ms)}
                  </td>
                  <td className={num}>
                    {formatCount(w.runs.total)}
                    {w.runs.total ? <span className="text-slate-500"> ({formatPercent(w.runs.failureRate)} failed)</span> : null}
                  </td>
                  <td className={num}>{w.agents.total ? `${formatPercent(w.agents.acceptanceRate)} of ${w.agents.accepted + w.agents.rejected} decided` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
