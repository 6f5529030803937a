import type { Metadata } from "next";
import Link from "next/link";
import { AgentsWidget } from "@/components/analytics/agents-widget";
import { csvFileName } from "@/components/analytics/csv";
import { CycleTimeWidget } from "@/components/analytics/cycle-time-widget";
import { FlowWidget } from "@/components/analytics/flow-widget";
import { isoDay } from "@/components/analytics/format";
import { RangeBar } from "@/components/analytics/range-bar";
import { RunsWidget } from "@/components/analytics/runs-widget";
import { StagesWidget } from "@/components/analytics/stages-widget";
import { ThroughputWidget } from "@/components/analytics/throughput-widget";
import { TotalsWidget } from "@/components/analytics/totals-widget";
import { WidgetSlot } from "@/components/analytics/widget-slot";
import { getDb } from "@/db/client";
import { type SearchParams, parseRangeParams, rangeSearch } from "@/lib/analytics/range";
import type { AnalyticsScope } from "@/lib/analytics/scope";
import { getFilterOptions } from "@/lib/analytics/workflow";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/pages";
import { requireWorkflow } from "@/lib/workflows/access";

export const metadata: Metadata = { title: "Analytics" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/**
 * A workflow's analytics over a date range: each widget queries on its own and streams in behind its
 * own skeleton, so a slow figure never holds the others back.
 */
export default async function WorkflowAnalyticsPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const db = await getDb();
  const { id } = await params;
  const q = await searchParams;
  const workflow = await orNotFound(requireWorkflow(db, actor, id, "READ"));
  const { params: filters, range, error } = parseRangeParams(q, new Date());
  const { assignees } = await orNotFound(getFilterOptions({ db, actor, workflowId: workflow.id }));
  const scope: AnalyticsScope = { db, actor, workflowId: workflow.id, range };
  const fileBase = csvFileName(workflow.name, isoDay(range.from), isoDay(new Date(range.to.getTime() - 1))).replace(/\.csv$/, "");
  const path = `/workflows/${workflow.id}/analytics`;
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <nav aria-label="Breadcrumb" className="flex gap-2 text-sm text-slate-500">
          <Link href={`/analytics${rangeSearch({ ...filters, assignee: undefined })}`} className="hover:text-slate-900">
            Analytics
          </Link>
          <span aria-hidden="true">/</span>
          <Link href={`/workflows/${workflow.id}`} className="hover:text-slate-900">
            {workflow.name}
          </Link>
        </nav>
        <h1 className="text-2xl font-semibold tracking-tight">
          Analytics <span className="text-slate-400">·</span> <span data-testid="analytics-workflow-name">{workflow.name}</span>
        </h1>
        <p className="text-sm text-slate-600">How work flows through this workflow’s stages, where it waits, and how its runs and agents fare.</p>
      </div>
      <RangeBar path={path} params={filters} range={range} error={error} assignees={assignees} />
      <div className="grid gap-5 lg:grid-cols-2">
        <WidgetSlot testId="analytics-totals" title="Headline figures" shape="stats" className="lg:col-span-2">
          <TotalsWidget scope={scope} />
        </WidgetSlot>
        <WidgetSlot testId="analytics-stages" title="Stages" shape="table" className="lg:col-span-2">
          <StagesWidget scope={scope} fileBase={fileBase} />
        </WidgetSlot>
        <WidgetSlot testId="analytics-throughput" title="Throughput" shape="chart">
          <ThroughputWidget scope={scope} fileBase={fileBase} />
        </WidgetSlot>
        <WidgetSlot testId="analytics-flow" title="Cumulative flow" shape="chart">
          <FlowWidget scope={scope} fileBase={fileBase} />
        </WidgetSlot>
        <WidgetSlot testId="analytics-cycle-time" title="Cycle time" shape="chart" className="lg:col-span-2">
          <CycleTimeWidget scope={scope} fileBase={fileBase} />
        </WidgetSlot>
        <WidgetSlot testId="analytics-runs" title="Runs" shape="table" className="lg:col-span-2">
          <RunsWidget scope={scope} fileBase={fileBase} />
        </WidgetSlot>
        <WidgetSlot testId="analytics-agents" title="Agent recommendations" shape="table" className="lg:col-span-2">
          <AgentsWidget scope={scope} fileBase={fileBase} />
        </WidgetSlot>
      </div>
    </div>
  );
}
