import type { Metadata } from "next";
import Link from "next/link";
import { DefinitionDiffView } from "@/components/workflows/definition-diff";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { orNotFound } from "@/lib/pages";
import { diffDefinitions, summarizeDiff } from "@/lib/workflows/diff";
import { getVersion, listVersions } from "@/lib/workflows/versions";

export const metadata: Metadata = { title: "Versions" };

const sourceLabel: Record<string, string> = {
  create: "created",
  designer: "saved in the designer",
  import: "imported",
  template: "created from a template",
  copy: "saved as a copy",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export default async function VersionsPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const db = await getDb();
  const { id } = await params;
  const { workflow, versions } = await orNotFound(listVersions(db, actor, id));
  const q = await searchParams;
  const latest = versions[0]!.version;
  const pick = (raw: string | undefined, fallback: number) => {
    const n = Number(raw);
    return versions.some((v) => v.version === n) ? n : fallback;
  };
  const to = pick(q.to, latest);
  const from = pick(q.from, Math.max(1, to - 1));
  const [a, b] = await Promise.all([getVersion(db, actor, workflow.id, from), getVersion(db, actor, workflow.id, to)]);
  const diff = diffDefinitions(a.definition, b.definition);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href={`/workflows/${workflow.id}`} className="text-sm text-slate-500 hover:text-slate-900">
          ← {workflow.name}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Versions</h1>
          <Link href={`/workflows/${workflow.id}/designer`} className="ml-auto text-sm text-indigo-600 hover:underline">
            Open the designer
          </Link>
        </div>
        <p className="text-sm text-slate-600">Every save makes a new version. Items and runs keep the version they started with.</p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <ol className="space-y-1" data-testid="version-list">
          {versions.map((v) => (
            <li key={v.version} className={`rounded-lg px-3 py-2 text-sm ring-1 ${v.version === to ? "bg-indigo-50 ring-indigo-200" : "bg-white ring-slate-200"}`}>
              <div className="flex items-center gap-2">
                <span className="font-semibold">v{v.version}</span>
                {v.version === latest ? <span className="text-xs text-emerald-700">current</span> : null}
                <span className="ml-auto flex gap-2 text-xs">
                  {v.version > 1 ? (
                    <Link href={`?from=${v.version - 1}&to=${v.version}`} className="text-indigo-600 hover:underline">
                      changes
                    </Link>
                  ) : null}
                  {v.version !== latest ? (
                    <Link href={`?from=${v.version}&to=${latest}`} className="text-indigo-600 hover:underline">
                      vs current
                    </Link>
                  ) : null}
                </span>
              </div>
              <div className="text-xs text-slate-500">
                {sourceLabel[v.source] ?? v.source} by {v.createdByName ?? "a removed user"} · {formatDateTime(v.createdAt)}
              </div>
            </li>
          ))}
        </ol>
        <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-labelledby="diff-heading">
          <h2 id="diff-heading" className="font-semibold">
            v{from} → v{to}
          </h2>
          <p className="mb-4 text-sm text-slate-500">{summarizeDiff(diff)}</p>
          <DefinitionDiffView diff={diff} />
        </section>
      </div>
    </div>
  );
}
