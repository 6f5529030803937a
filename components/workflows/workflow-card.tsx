import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import type { WorkflowListRow } from "@/lib/workflows/queries";
import { VisibilityBadge } from "./visibility-badge";

export function WorkflowCard({ wf }: { wf: WorkflowListRow }) {
  return (
    <li data-testid="workflow-card" className="group relative rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:ring-indigo-300">
      <div className="flex items-start justify-between gap-3">
        <h2 className="font-semibold leading-snug">
          <Link href={`/workflows/${wf.id}`} className="after:absolute after:inset-0">
            {wf.name}
          </Link>
        </h2>
        <div className="flex shrink-0 gap-1">
          {wf.isTemplate ? <Badge tone="violet">Template</Badge> : null}
          <VisibilityBadge visibility={wf.visibility} teamName={wf.teamName} />
        </div>
      </div>
      {wf.description ? <p className="mt-2 line-clamp-2 text-sm text-slate-600">{wf.description}</p> : null}
      <dl className="mt-4 flex gap-4 text-xs text-slate-500">
        <div>
          <dt className="sr-only">Stages</dt>
          <dd>{wf.stageCount} stages</dd>
        </div>
        {!wf.isTemplate ? (
          <div>
            <dt className="sr-only">Open items</dt>
            <dd>{wf.itemCount} items</dd>
          </div>
        ) : null}
        <div>
          <dt className="sr-only">Owner</dt>
          <dd>{wf.teamName ?? wf.ownerName}</dd>
        </div>
        <div className="ml-auto">
          <dt className="sr-only">Updated</dt>
          <dd>Updated {formatDate(wf.updatedAt)}</dd>
        </div>
      </dl>
    </li>
  );
}
