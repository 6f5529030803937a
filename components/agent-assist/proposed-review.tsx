"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { acceptRecommendationAction } from "@/lib/agents/actions";
import type { ReviewRecommendation } from "@/lib/agents/review-queries";
import { ApplyResultBox } from "./apply-result-box";
import { EngineMeta } from "./engine-meta";
import { GuardrailResults } from "./guardrail-results";
import { PatchView } from "./patch-view";
import { PlanEditor } from "./plan-editor";
import { PlanView } from "./plan-view";
import { RejectForm } from "./reject-form";
import { useReviewAction } from "./use-review-action";

/** What the engine said it could not do: reviewers read it before trusting the plan. */
export function EngineNotes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return (
    <div className="rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="engine-notes">
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">From the agent</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The plan and patch a decision stands on: the reviewer's edit when there was one (its patch may be
 * null: removed), else the proposal. An open recommendation keeps a failed attempt's edit for the editor only.
 */
export function decidedPlanAndPatch(rec: ReviewRecommendation) {
  return rec.editDiff ? { plan: rec.editedPlan ?? rec.plan, patch: rec.editedPatch } : { plan: rec.plan, patch: rec.patch };
}

/** A plan and its patch, read-only: the proposal while open, what was decided once closed. */
export function ProposalBody({ rec }: { rec: ReviewRecommendation }) {
  const { plan, patch } = rec.status === "proposed" ? { plan: rec.plan, patch: rec.patch } : decidedPlanAndPatch(rec);
  return (
    <div className="space-y-4">
      {plan ? <PlanView plan={plan} /> : <p className="text-sm text-slate-500">The agent stored no readable plan.</p>}
      <GuardrailResults results={rec.guardrails} />
      <EngineNotes notes={rec.notes} />
      <div>
        <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Patch</h4>
        {patch ? (
          <PatchView patch={patch} plan={plan} />
        ) : (
          <p className="text-sm text-slate-500" data-testid="no-patch">
            No patch: the plan is for a person to carry out.
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * An open recommendation: the proposal, then Accept, Edit and Reject for those who may review.
 * Accepting applies the patch when there is one, it was not auto-applied already, and the reviewer holds code.edit.
 */
export function ProposedReview({ rec }: { rec: ReviewRecommendation }) {
  const [mode, setMode] = useState<"view" | "edit" | "reject">("view");
  const { pending, run } = useReviewAction();
  const autoApplied = rec.autoApply?.ok === true;
  const applies = rec.patch !== null && rec.canApply && !autoApplied;
  const accept = () =>
    run(
      () => acceptRecommendationAction({ id: rec.id }),
      ({ applied }) => {
        if (applied && !applied.ok) toast.error(`The patch did not apply: ${applied.error}`);
        else toast.success(applied?.ok ? `Accepted and applied on ${applied.branch}.` : "Plan accepted.");
      },
    );
  if (mode === "edit") return <PlanEditor rec={rec} onCancel={() => setMode("view")} />;
  return (
    <div className="space-y-4">
      {rec.autoApply ? <ApplyResultBox result={rec.autoApply} auto /> : null}
      {rec.applyResult && !rec.applyResult.ok ? <ApplyResultBox result={rec.applyResult} /> : null}
      <ProposalBody rec={rec} />
      <EngineMeta rec={rec} />
      {!rec.canReview ? (
        <p className="text-sm text-slate-500" data-testid="review-read-only">
          You can read this recommendation; someone who can change this workflow&apos;s items reviews it.
        </p>
      ) : mode === "reject" ? (
        <RejectForm id={rec.id} onCancel={() => setMode("view")} />
      ) : (
        <div className="space-y-2 border-t border-slate-200 pt-4">
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={accept} disabled={pending} data-testid="accept-recommendation">
              {pending ? "Accepting…" : applies ? "Accept and apply" : "Accept plan"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setMode("edit")} disabled={pending} data-testid="edit-recommendation">
              Edit
            </Button>
            <Button type="button" variant="secondary" className="text-rose-700" onClick={() => setMode("reject")} disabled={pending} data-testid="reject-recommendation">
              Reject
            </Button>
          </div>
          {rec.patch !== null && !rec.canApply && !autoApplied ? (
            <p className="text-xs text-slate-500" data-testid="apply-needs-permission">
              Applying needs code.edit; the patch will wait for someone who has it.
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
