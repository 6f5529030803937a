import { Timestamp } from "@/components/items/timestamp";
import { Badge, type Tone } from "@/components/ui/badge";
import type { RecommendationStatus, ReviewRecommendation } from "@/lib/agents/review-queries";
import { ApplyResultBox } from "./apply-result-box";
import { AskAgainButton } from "./ask-again-button";
import { DecisionSummary } from "./decision-summary";
import { GuardrailResults } from "./guardrail-results";
import { EngineMeta } from "./engine-meta";
import { PendingState } from "./pending-state";
import { ProposalBody, ProposedReview } from "./proposed-review";

const STATUS_LOOK: Record<RecommendationStatus, { label: string; tone: Tone }> = {
  pending: { label: "Preparing", tone: "sky" },
  proposed: { label: "Waiting for review", tone: "indigo" },
  error: { label: "Failed", tone: "rose" },
  accepted: { label: "Accepted", tone: "emerald" },
  rejected: { label: "Rejected", tone: "slate" },
  superseded: { label: "Superseded", tone: "slate" },
};

/** A recommendation's status as a badge. */
export function RecommendationStatusBadge({ status }: { status: RecommendationStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <span data-testid="recommendation-status" data-status={status}>
      <Badge tone={look.tone}>{look.label}</Badge>
    </span>
  );
}

function ErrorBody({ rec, itemId, canAsk }: { rec: ReviewRecommendation; itemId: string; canAsk: boolean }) {
  return (
    <div className="space-y-3">
      <div role="alert" className="rounded-lg bg-rose-50 px-4 py-3 text-sm text-rose-900 ring-1 ring-rose-200 ring-inset" data-testid="recommendation-error">
        <p className="font-semibold">The agent could not make a recommendation.</p>
        <p className="mt-1 font-mono text-xs break-words whitespace-pre-wrap">{rec.error ?? "It stopped without saying why."}</p>
      </div>
      <GuardrailResults results={rec.guardrails} />
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-600">The item can still move on.</p>
        {canAsk ? <AskAgainButton itemId={itemId} /> : null}
      </div>
      <EngineMeta rec={rec} />
    </div>
  );
}

/** A decided or replaced recommendation: the decision first, the proposal folded away below it. */
function ClosedBody({ rec, itemId, canAsk }: { rec: ReviewRecommendation; itemId: string; canAsk: boolean }) {
  return (
    <div className="space-y-3">
      {rec.status === "superseded" ? <p className="text-sm text-slate-600">A newer recommendation replaced this one.</p> : <DecisionSummary rec={rec} />}
      {rec.autoApply ? <ApplyResultBox result={rec.autoApply} auto /> : null}
      <details className="group rounded-lg ring-1 ring-slate-200">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700 select-none hover:bg-slate-50">
          {rec.status === "accepted" && rec.editDiff ? "The accepted plan and patch" : "The plan and patch"}
        </summary>
        <div className="space-y-3 border-t border-slate-200 p-3">
          <ProposalBody rec={rec} />
          <EngineMeta rec={rec} />
        </div>
      </details>
      {rec.status === "rejected" && canAsk ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-600">Want another plan?</p>
          <AskAgainButton itemId={itemId} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * One recommendation with what its status calls for: a spinner while pending, the error with "Ask
 * again", the review of a proposal, or the decision. `canAsk` while the item waits in an agent-assist stage.
 */
export function RecommendationCard({ rec, itemId, canAsk }: { rec: ReviewRecommendation; itemId: string; canAsk: boolean }) {
  return (
    <article className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="recommendation" data-id={rec.id} data-status={rec.status}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <RecommendationStatusBadge status={rec.status} />
        <p className="min-w-0 flex-1 truncate text-sm text-slate-600" title={rec.goal}>
          {rec.goal}
        </p>
        <Timestamp at={rec.createdAt} className="text-xs text-slate-500" />
      </header>
      {rec.status === "pending" ? (
        <PendingState />
      ) : rec.status === "error" ? (
        <ErrorBody rec={rec} itemId={itemId} canAsk={canAsk && rec.canReview} />
      ) : rec.status === "proposed" ? (
        <ProposedReview rec={rec} />
      ) : (
        <ClosedBody rec={rec} itemId={itemId} canAsk={canAsk && rec.canReview} />
      )}
    </article>
  );
}
