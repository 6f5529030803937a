import Link from "next/link";
import { VisibilityBadge } from "@/components/workflows/visibility-badge";
import type { listTemplates } from "@/lib/workflows/queries";
import { StagePipeline } from "./stage-pipeline";

type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];

/** A template in the gallery: what it is, its pipeline, and the way to use it. */
export function TemplateCard({ template: t }: { template: TemplateRow }) {
  return (
    <li data-testid="template-card" data-name={t.name} className="flex flex-col gap-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-start justify-between gap-3">
        <h2 className="font-semibold leading-snug">{t.name}</h2>
        <VisibilityBadge visibility={t.visibility} teamName={t.teamName} />
      </div>
      {t.description ? <p className="text-sm text-slate-600">{t.description}</p> : null}
      <StagePipeline stages={t.stages} />
      <div className="mt-auto flex items-center gap-3 pt-2 text-sm">
        <span className="text-xs text-slate-500">by {t.teamName ?? t.ownerName}</span>
        <Link href={`/workflows/${t.id}/designer`} className="ml-auto text-slate-600 hover:text-slate-900">
          Preview
        </Link>
        <Link
          href={`/templates/${t.id}/use`}
          className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
          data-testid="use-template"
        >
          Use template
        </Link>
      </div>
    </li>
  );
}
