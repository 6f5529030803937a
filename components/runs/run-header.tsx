import Link from "next/link";
import { Timestamp } from "@/components/items/timestamp";
import type { Spend } from "@/lib/catalog/queries";
import type { RunView } from "@/lib/runs/queries";
import { formatTokens, formatUsd } from "./agent-format";
import { RunControls } from "./run-controls";
import { RunStatusBadge } from "./run-status-badge";
import { formatRunDuration, originLabel } from "./status-look";

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="truncate text-sm text-slate-800">{children}</dd>
    </div>
  );
}

/**
 * Where the run belongs (workflow › stage › item), its status, who or what started it, when, at which
 * version, what its agent calls used (when it made any), and the controls the viewer may use. A failed
 * run's error stands out under it.
 */
export function RunHeader({ view, spend, now }: { view: RunView; spend?: Spend; now: Date }) {
  const { run, workflow, stage, item } = view;
  const end = run.finishedAt ?? (run.startedAt ? now : null);
  const agents = spend && spend.calls > 0 ? spend : null;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-1.5 text-sm text-slate-500">
        <Link href={`/workflows/${workflow.id}`} className="hover:text-slate-900" data-testid="run-workflow-link">
          {workflow.name}
        </Link>
        <span aria-hidden>›</span>
        <Link href={`/workflows/${workflow.id}/runs`} className="hover:text-slate-900" data-testid="run-stage">
          {stage.name}
        </Link>
        {item ? (
          <>
            <span aria-hidden>›</span>
            <Link href={`/items/${item.id}`} className="max-w-xs truncate hover:text-slate-900" data-testid="run-item-link">
              {item.title}
            </Link>
          </>
        ) : null}
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          Run <span className="font-mono text-lg font-normal text-slate-500">{run.id.slice(0, 8)}</span>
        </h1>
        <RunStatusBadge status={run.status} testId="run-status" />
        <div className="ml-auto">
          <RunControls runId={run.id} can={view.can} />
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200 sm:grid-cols-4 lg:grid-cols-7">
        <Meta label="Started by">{run.initiator?.name ?? <span className="text-slate-500">The system</span>}</Meta>
        <Meta label="Origin">{originLabel(run.origin)}</Meta>
        <Meta label="Created">
          <Timestamp at={run.createdAt} />
        </Meta>
        <Meta label="Started">{run.startedAt ? <Timestamp at={run.startedAt} /> : <span className="text-slate-400">Not yet</span>}</Meta>
        <Meta label="Finished">{run.finishedAt ? <Timestamp at={run.finishedAt} /> : <span className="text-slate-400">Not yet</span>}</Meta>
        <Meta label={run.finishedAt ? "Took" : "Running for"}>{formatRunDuration(end && run.startedAt ? end.getTime() - run.startedAt.getTime() : null)}</Meta>
        <Meta label="Version">
          <Link href={`/workflows/${workflow.id}/versions?to=${run.definitionVersion}`} className="hover:text-indigo-700" data-testid="run-version">
            v{run.definitionVersion}
          </Link>
        </Meta>
      </dl>
      {agents ? (
        // Its own line, not an eighth column: at eight the dates above get cut short.
        <p className="-mt-2 px-1 text-xs text-slate-600" data-testid="run-agent-spend">
          <span className="font-medium text-slate-700">Agents:</span> {agents.calls} call{agents.calls === 1 ? "" : "s"} ·{" "}
          <span title={`${agents.inputTokens.toLocaleString("en-US")} tokens in, ${agents.outputTokens.toLocaleString("en-US")} out`}>
            {formatTokens(agents.inputTokens + agents.outputTokens)} tokens ({formatTokens(agents.inputTokens)} in, {formatTokens(agents.outputTokens)} out)
          </span>{" "}
          · <span title="Estimated from each agent version's prices per million tokens">≈ {formatUsd(agents.costUsd)} estimated</span>
        </p>
      ) : null}
      {run.error ? (
        <p role="alert" className="rounded-lg bg-rose-50 px-4 py-3 text-sm whitespace-pre-wrap break-words text-rose-800 ring-1 ring-rose-200" data-testid="run-error">
          <span className="font-semibold">{run.status === "cancelled" ? "Cancelled: " : "Failed: "}</span>
          {run.error}
        </p>
      ) : null}
    </div>
  );
}
