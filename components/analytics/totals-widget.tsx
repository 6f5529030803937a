import type { AnalyticsScope } from "@/lib/analytics/scope";
import { getTotals } from "@/lib/analytics/workflow";
import { formatDay } from "./format";
import { TotalsGrid } from "./totals-grid";
import { WidgetFrame } from "./widget-frame";

/** The workflow's headline figures over the range. */
export async function TotalsWidget({ scope }: { scope: AnalyticsScope }) {
  const totals = await getTotals(scope);
  const asOf = formatDay(new Date(scope.range.to.getTime() - 1), true);
  return (
    <WidgetFrame testId="analytics-totals" title="Headline figures" description={`Item counts as of ${asOf}; completions and cycle times are those inside the range.`}>
      <TotalsGrid totals={totals} />
    </WidgetFrame>
  );
}
