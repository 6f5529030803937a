import type { Totals } from "@/lib/analytics/types";
import { formatCount, formatDuration } from "./format";
import { Stat } from "./widget-frame";

/** The headline figures: counts at the end of the range, completions and cycle times inside it. */
export function TotalsGrid({ totals }: { totals: Totals }) {
  const ct = totals.cycleTime;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Stat label="Items" value={formatCount(totals.items)} hint="at the end of the range" testId="totals-items" />
      <Stat label="Completed" value={formatCount(totals.completed)} hint="in the last stage" testId="totals-completed" />
      <Stat label="In progress" value={formatCount(totals.inProgress)} hint="in any other stage" testId="totals-in-progress" />
      <Stat label="Completed in range" value={formatCount(totals.completedInRange)} hint="reached the last stage in range" testId="totals-completed-in-range" />
      <Stat label="Cycle time, mean" value={formatDuration(ct.meanMs)} hint="creation to completion" testId="cycle-time-mean" />
      <Stat label="Cycle time, median" value={formatDuration(ct.medianMs)} hint={`of ${formatCount(ct.count)} completed ${ct.count === 1 ? "item" : "items"}`} testId="cycle-time-median" />
      <Stat label="Cycle time, 85th percentile" value={formatDuration(ct.p85Ms)} hint="85% finished within this" testId="cycle-time-p85" />
      <Stat label="Created in range" value={formatCount(totals.created)} hint="new items" testId="totals-created" />
    </dl>
  );
}
