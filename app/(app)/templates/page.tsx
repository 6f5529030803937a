import type { Metadata } from "next";
import Link from "next/link";
import { TemplateCard } from "@/components/templates/template-card";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { listTemplates } from "@/lib/workflows/queries";

export const metadata: Metadata = { title: "Templates" };

const FILTERS = [
  { key: "", label: "All" },
  { key: "personal", label: "Personal" },
  { key: "team", label: "Team" },
  { key: "global", label: "Global" },
] as const;
type Key = (typeof FILTERS)[number]["key"];

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<{ visibility?: string }> }) {
  const actor = await requireActor();
  const raw = (await searchParams).visibility ?? "";
  const current: Key = FILTERS.some((f) => f.key === raw) ? (raw as Key) : "";
  const templates = await listTemplates({ db: await getDb(), actor, visibility: current || undefined });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Templates</h1>
          <p className="text-sm text-slate-500">Start a workflow from a proven process: its stages and task graphs are copied.</p>
        </div>
        <nav aria-label="Filter templates" className="flex gap-1 rounded-lg bg-slate-100 p-1">
          {FILTERS.map((f) => (
            <Link
              key={f.key}
              href={f.key ? `/templates?visibility=${f.key}` : "/templates"}
              aria-current={current === f.key ? "page" : undefined}
              className={`rounded-md px-3 py-1 text-sm font-medium ${current === f.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
            >
              {f.label}
            </Link>
          ))}
        </nav>
      </div>
      {templates.length ? (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="template-list">
          {templates.map((t) => (
            <TemplateCard key={t.id} template={t} />
          ))}
        </ul>
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500">
          No templates here yet. Open a workflow and choose “Save as template” to add one.
        </p>
      )}
    </div>
  );
}
