"use client";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { rejectRecommendationAction } from "@/lib/agents/actions";
import { useReviewAction } from "./use-review-action";

/** Rejecting needs a reason: it is kept with the decision and read by whoever asks the agent again. */
export function RejectForm({ id, onCancel }: { id: string; onCancel: () => void }) {
  const inputId = useId();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const { pending, fieldErrors, run } = useReviewAction();
  const missing = tried && reason.trim() === "";
  const error = missing ? "Say why you reject it." : fieldErrors.reason?.join(" ");
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim() === "") return;
    await run(() => rejectRecommendationAction({ id, reason }), () => toast.success("Recommendation rejected."));
  };
  return (
    <form onSubmit={submit} className="space-y-2 rounded-lg bg-rose-50/60 p-3 ring-1 ring-rose-200 ring-inset" data-testid="reject-form" noValidate>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        Why reject it?
      </label>
      <textarea
        id={inputId}
        rows={3}
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        placeholder="What is wrong with the plan or the patch…"
        className={`${controlClass} resize-y`}
        data-testid="reject-reason"
      />
      {error ? (
        <p id={`${inputId}-error`} className="text-xs font-medium text-rose-600">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={pending}
          className="inline-flex items-center rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-500 disabled:cursor-not-allowed disabled:bg-rose-300"
          data-testid="confirm-reject"
        >
          {pending ? "Rejecting…" : "Reject"}
        </button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
