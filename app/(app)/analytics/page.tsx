import type { Metadata } from "next";
import { Suspense } from "react";
import { csvFileName } from "@/components/analytics/csv";
import { isoDay } from "@/components/analytics/format";
import { OverviewWidgets } from "@/components/analytics/overview-widgets";
import { RangeBar } from "@/components/analytics/range-bar";
import { WidgetBoundary } from "@/components/analytics/widget-boundary";
import { WidgetSkeleton } from "@/components/analytics/widget-skeleton";
import { getDb } from "@/db/client";
import { type SearchParams, parseRangeParams, rangeSearch } from "@/lib/analytics/range";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Analytics" };

type Props = { searchParams: Promise<SearchParams> };

/** Analytics across every workflow the signed-in person can see, each linking to its own page. */
export default async function AnalyticsOverviewPage({ searchParams }: Props) {
  const actor = await requireActor();
  const db = await getDb();
  // No assignee filter here: people differ from one workflow to the next.
  const { params, range, error } = parseRangeParams({ ...(await searchParams), assignee: undefined }, new Date());
  const search = rangeSearch(params);
  const fileName = csvFileName("workflows", isoDay(range.from), isoDay(new Date(range.to.getTime() - 1)));
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>
        <p className="text-sm text-slate-600">Throughput, cycle time, runs and agent recommendations across the workflows you can see. Open one for its stages, flow and charts.</p>
      </div>
      <RangeBar path="/analytics" params={params} range={range} error={error} />
      <WidgetBoundary title="Analytics">
        <Suspense
          fallback={
            <div className="space-y-5">
              <WidgetSkeleton testId="analytics-totals" title="All your workflows" shape="stats" />
              <WidgetSkeleton testId="analytics-workflows" title="Workflows" shape="table" />
            </div>
          }
        >
          <div className="space-y-5">
            <OverviewWidgets scope={{ db, actor, range }} search={search} fileName={fileName} />
          </div>
        </Suspense>
      </WidgetBoundary>
    </div>
  );
}
