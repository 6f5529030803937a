import { Timestamp } from "@/components/items/timestamp";
import type { ReviewRecommendation } from "@/lib/agents/review-queries";
import { ApplyResultBox } from "./apply-result-box";

/** What the reviewer changed before accepting: the plan-diff sentences and the patch's +/− lines. */
function EditSummary({ diff }: { diff: NonNullable<ReviewRecommendation["editDiff"]> }) {
  return (
    <div data-testid="edit-summary">
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Edited before accepting</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
        {diff.plan.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
        {diff.patch?.changed ? (
          <li>
            Patch changed:{" "}
            <span className="font-mono text-xs">
              <span className="text-emerald-700">+{diff.patch.linesAdded}</span> <span className="text-rose-700">−{diff.patch.linesRemoved}</span>
            </span>{" "}
            lines
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** Who accepted or rejected a recommendation and when, why, what they edited, and what applying did. */
export function DecisionSummary({ rec }: { rec: ReviewRecommendation }) {
  const accepted = rec.status === "accepted";
  const patch = rec.editDiff ? rec.editedPatch : rec.patch;
  return (
    <div className="space-y-3" data-testid="decision-summary">
      <p className="text-sm text-slate-700">
        <span className={`font-semibold ${accepted ? "text-emerald-800" : "text-rose-800"}`}>{accepted ? "Accepted" : "Rejected"}</span> by{" "}
        <span className="font-medium text-slate-900">{rec.reviewerName ?? "a former member"}</span>
        {rec.decidedAt ? (
          <>
            {" "}
            on <Timestamp at={rec.decidedAt} />
          </>
        ) : null}
        .
      </p>
      {rec.decisionReason ? (
        <blockquote className="border-l-2 border-slate-300 pl-3 text-sm whitespace-pre-wrap text-slate-700" data-testid="decision-reason">
          {rec.decisionReason}
        </blockquote>
      ) : null}
      {rec.editDiff ? <EditSummary diff={rec.editDiff} /> : null}
      {rec.applyResult ? (
        <ApplyResultBox result={rec.applyResult} failedTitle={accepted ? undefined : "An earlier attempt to accept it failed when applying the patch."} />
      ) : null}
      {accepted && patch && !rec.applyResult && !rec.autoApply?.ok ? (
        <p className="text-sm text-slate-600" data-testid="apply-waiting">
          The patch was not applied: applying needs code.edit.
        </p>
      ) : null}
    </div>
  );
}
