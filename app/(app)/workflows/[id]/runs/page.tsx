import type { Metadata } from "next";
import Link from "next/link";
import { RUN_FILTERS, beforeOf, runFilterOf } from "@/components/runs/run-filter";
import { RunList } from "@/components/runs/run-list";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/pages";
import { listRuns } from "@/lib/runs/queries";
import { itemTitles } from "@/lib/work-items/item-runs";
import { requireWorkflow } from "@/lib/workflows/access";

export const metadata: Metadata = { title: "Runs" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ status?: string; before?: string }> };

const PAGE = 50;

/** A workflow's runs, newest first, filtered by status, fifty at a time; each links to its run page. */
export default async function WorkflowRunsPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const db = await getDb();
  const { id } = await params;
  const q = await searchParams;
  const filter = runFilterOf(q.status);
  const before = beforeOf(q.before);
  const workflow = await orNotFound(requireWorkflow(db, actor, id, "READ"));
  const runs = await listRuns({ db, actor, workflowId: workflow.id, status: [...filter.statuses], limit: PAGE + 1, before });
  const page = runs.slice(0, PAGE);
  const titles = await itemTitles(db, workflow.id, page.flatMap((r) => (r.workItemId ? [r.workItemId] : [])));
  const shown = page.map((r) => ({ ...r, itemTitle: r.workItemId ? (titles.get(r.workItemId) ?? null) : null }));
  const more = runs.length > PAGE ? shown.at(-1)!.createdAt : null;
  const href = (status: string, cursor?: Date) => {
    const p = new URLSearchParams();
    if (status !== "all") p.set("status", status);
    if (cursor) p.set("before", cursor.toISOString());
    const s = p.toString();
    return `/workflows/${workflow.id}/runs${s ? `?${s}` : ""}`;
  };
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <div className="space-y-1">
        <Link href={`/workflows/${workflow.id}`} className="text-sm text-slate-500 hover:text-slate-900">
          ← {workflow.name}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Runs</h1>
        <p className="text-sm text-slate-600">Every run of this workflow’s task graphs: started when an item enters an automated stage, by a trigger or through the API.</p>
      </div>
      <nav aria-label="Filter runs by status" className="flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1" data-testid="run-filter">
        {RUN_FILTERS.map((f) => (
          <Link
            key={f.key}
            href={href(f.key)}
            aria-current={filter.key === f.key ? "page" : undefined}
            className={`rounded-md px-3 py-1 text-sm font-medium ${filter.key === f.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {shown.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500" data-testid="run-list-empty">
          {filter.key === "all" ? "No runs yet. Runs start when an item enters a stage with a task graph." : `No ${filter.label.toLowerCase()} runs.`}
        </p>
      ) : (
        <RunList runs={shown} showItem />
      )}
      <div className="flex justify-between text-sm">
        {before ? (
          <Link href={href(filter.key)} className="text-indigo-600 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {more ? (
          <Link href={href(filter.key, more)} className="text-indigo-600 hover:underline" data-testid="runs-older">
            Older runs →
          </Link>
        ) : null}
      </div>
    </div>
  );
}
