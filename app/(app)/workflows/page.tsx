import type { Metadata } from "next";
import Link from "next/link";
import { FilterTabs } from "@/components/workflows/filter-tabs";
import { WorkflowCard } from "@/components/workflows/workflow-card";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { listVisibleWorkflows } from "@/lib/workflows/queries";
import { workflowFilter } from "@/lib/workflows/schemas";

export const metadata: Metadata = { title: "Workflows" };

const empty: Record<string, string> = {
  all: "No workflows yet. Start from a template to create one.",
  mine: "You do not own any workflows yet.",
  team: "Your teams have no shared workflows yet.",
  global: "No global workflows on this instance.",
  templates: "No templates are available to you.",
};

export default async function WorkflowsPage({ searchParams }: { searchParams: Promise<{ filter?: string }> }) {
  const actor = await requireActor();
  const filter = workflowFilter.parse((await searchParams).filter);
  const rows = await listVisibleWorkflows({ db: await getDb(), actor, filter });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Workflows</h1>
          <p className="text-sm text-slate-500">Boards and pipelines you can see.</p>
        </div>
        <div className="flex items-center gap-3">
          <FilterTabs current={filter} />
          <Link
            href="/workflows/new"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
            data-testid="new-workflow-link"
          >
            New workflow
          </Link>
        </div>
      </div>
      {rows.length ? (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="workflow-list">
          {rows.map((wf) => (
            <WorkflowCard key={wf.id} wf={wf} />
          ))}
        </ul>
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500">{empty[filter]}</p>
      )}
    </div>
  );
}
