"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { decideApprovalAction } from "@/lib/runs/actions";
import { useRunAction } from "./use-run-action";

/**
 * Approve or reject an approval task, with a comment (required to reject: the server says so if it is
 * missing). Used in the run page's task panel and inline on the item page.
 */
export function ApprovalForm({ runId, taskKey }: { runId: string; taskKey: string }) {
  const id = useId();
  const [comment, setComment] = useState("");
  const [rejectTried, setRejectTried] = useState(false);
  const { pending, run } = useRunAction();
  const decide = async (approve: boolean) => {
    if (!approve) setRejectTried(true);
    const ok = await run(
      () => decideApprovalAction({ runId, taskKey, approve, comment }),
      (r) => (r.approved ? "Approved." : !approve ? "Rejected." : r.remaining > 0 ? `Approval recorded; ${r.remaining} more needed.` : "Approval recorded."),
    );
    if (ok) {
      setComment("");
      setRejectTried(false);
    }
  };
  const missing = rejectTried && comment.trim() === "";
  return (
    <div className="space-y-2" data-testid="approval-form">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Comment <span className="font-normal text-slate-400">(required to reject)</span>
      </label>
      <textarea
        id={id}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-invalid={missing || undefined}
        placeholder="Why you decide this way…"
        className={`${controlClass} mt-0 resize-y`}
        data-testid="approval-comment"
      />
      <div className="flex gap-2">
        <Button type="button" onClick={() => decide(true)} disabled={pending} data-testid="approval-approve">
          Approve
        </Button>
        <Button type="button" variant="secondary" onClick={() => decide(false)} disabled={pending} data-testid="approval-reject" className="text-rose-700">
          Reject
        </Button>
      </div>
    </div>
  );
}
