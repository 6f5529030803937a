import Link from "next/link";
import { Timestamp } from "@/components/items/timestamp";
import type { RunStatus } from "@/lib/engine/run-state";
import { RunStatusBadge } from "./run-status-badge";
import { formatRunDuration, originLabel } from "./status-look";

export type RunListRow = {
  id: string;
  status: RunStatus;
  origin: string;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  definitionVersion: number;
  stageName: string;
  workItemId: string | null;
  /** Shown with `showItem`; a run whose item is gone shows none. */
  itemTitle?: string | null;
};

/**
 * Runs newest first, each a link to its page: status, stage, when it started, how long it took, and a
 * failed run's error. `showItem` adds a link to the item (on lists that span items).
 */
export function RunList({ runs, showItem = false, testId = "run-list" }: { runs: RunListRow[]; showItem?: boolean; testId?: string }) {
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      {runs.map((r) => (
        <li key={r.id} className="relative flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm hover:bg-slate-50" data-testid="run-row" data-status={r.status}>
          <RunStatusBadge status={r.status} />
          <Link href={`/runs/${r.id}`} className="font-medium text-slate-900 after:absolute after:inset-0 hover:text-indigo-700">
            {r.stageName}
          </Link>
          <span className="text-xs text-slate-500">
            {r.startedAt ? <Timestamp at={r.startedAt} /> : <>queued <Timestamp at={r.createdAt} /></>}
            {r.startedAt && r.finishedAt ? ` · took ${formatRunDuration(r.finishedAt.getTime() - r.startedAt.getTime())}` : ""}
          </span>
          <span className="ml-auto flex items-center gap-3 text-xs text-slate-500">
            <span title={originLabel(r.origin)}>v{r.definitionVersion}</span>
            {showItem && r.workItemId && r.itemTitle ? (
              <Link href={`/items/${r.workItemId}`} className="relative z-10 max-w-56 truncate text-indigo-600 hover:underline" data-testid="run-row-item">
                {r.itemTitle}
              </Link>
            ) : null}
          </span>
          {r.status === "failed" && r.error ? <p className="w-full truncate text-xs text-rose-700" title={r.error}>{r.error}</p> : null}
        </li>
      ))}
    </ul>
  );
}
