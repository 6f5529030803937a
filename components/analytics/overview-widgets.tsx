import { type OverviewScope, getOverview } from "@/lib/analytics/overview";
import { formatDay } from "./format";
import { OverviewTable } from "./overview-table";
import { TotalsGrid } from "./totals-grid";
import { WidgetFrame } from "./widget-frame";

/** `/analytics`: the headline figures summed over every visible workflow, then each workflow's. */
export async function OverviewWidgets({ scope, search, fileName }: { scope: OverviewScope; search: string; fileName: string }) {
  const overview = await getOverview(scope);
  const { range } = scope;
  const asOf = formatDay(new Date(range.to.getTime() - 1), true);
  return (
    <>
      <WidgetFrame
        testId="analytics-totals"
        title="All your workflows"
        description={`Summed over the ${overview.workflows.length} ${overview.workflows.length === 1 ? "workflow" : "workflows"} you can see. Item counts as of ${asOf}; completions and cycle times inside the range.`}
      >
        <TotalsGrid totals={overview.totals} />
      </WidgetFrame>
      <OverviewTable workflows={overview.workflows} search={search} fileName={fileName} />
    </>
  );
}
