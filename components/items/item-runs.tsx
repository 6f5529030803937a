import Link from "next/link";
import { ApprovalForm } from "@/components/runs/approval-form";
import { RunList } from "@/components/runs/run-list";
import type { ItemPage } from "@/lib/work-items/queries";
import { ItemAgentWait } from "./item-agent-wait";

/** The item's runs, newest first, each linking to its run page. */
export function ItemRuns({ runs }: { runs: ItemPage["runs"] }) {
  return (
    <section aria-labelledby="item-runs-heading" data-testid="item-runs">
      <h2 id="item-runs-heading" className="mb-3 flex items-center gap-2 text-sm font-semibold text-slate-900">
        Runs
        {runs.length ? <span className="rounded-full bg-slate-200 px-1.5 text-xs font-medium text-slate-600 tabular-nums">{runs.length}</span> : null}
      </h2>
      {runs.length ? (
        <RunList runs={runs} testId="item-run-list" />
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-4 text-sm text-slate-500">
          No runs for this item yet. Automated stages will list their runs here.
        </p>
      )}
    </section>
  );
}

/**
 * What the item's runs need from the reader, above everything else: the latest run's failure (while
 * the item is still in that run's stage; after it moved on, the failure is history, in the list), and
 * an approval they can give, or an agent call waiting for a person, on the current stage's run, decided
 * right here.
 */
export function ItemRunAlerts({ runs, approval, stageId }: { runs: ItemPage["runs"]; approval: ItemPage["runApproval"]; stageId: string }) {
  const latest = runs[0];
  const failed = latest?.status === "failed" && latest.stageId === stageId ? latest : null;
  const current = runs.find((r) => r.stageId === stageId);
  // `waiting_approval` covers approval tasks and agent calls alike; ItemAgentWait asks which, and shows nothing for the former.
  const waiting = current?.status === "waiting_approval" ? current : null;
  if (!failed && !approval && !waiting) return null;
  return (
    <div className="space-y-3">
      {failed ? (
        <div role="alert" className="rounded-lg bg-rose-50 px-4 py-3 text-sm text-rose-900 ring-1 ring-rose-200 ring-inset" data-testid="item-run-error">
          <p className="flex flex-wrap items-center gap-x-2 font-semibold">
            The latest run of {failed.stageName} failed
            <Link href={`/runs/${failed.id}`} className="text-xs font-medium text-rose-700 underline hover:text-rose-900">
              Open the run
            </Link>
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words">{failed.error ?? "It stopped without saying why."}</p>
        </div>
      ) : null}
      {approval ? (
        <div className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-200 ring-inset" data-testid="item-approval">
          <p className="flex flex-wrap items-center gap-x-2 font-semibold">
            “{approval.taskName}” waits for your approval
            <span className="text-xs font-normal text-amber-800">
              {approval.approvals} of {approval.needed} so far
            </span>
            <Link href={`/runs/${approval.runId}`} className="text-xs font-medium text-amber-800 underline hover:text-amber-950">
              Open the run
            </Link>
          </p>
          {approval.instructions ? <p className="mt-1 whitespace-pre-wrap">{approval.instructions}</p> : null}
          <div className="mt-3 max-w-xl">
            <ApprovalForm runId={approval.runId} taskKey={approval.taskKey} />
          </div>
        </div>
      ) : null}
      {waiting ? <ItemAgentWait key={waiting.id} runId={waiting.id} shownAt={new Date().toISOString()} /> : null}
    </div>
  );
}
