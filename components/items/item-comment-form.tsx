"use client";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { addCommentAction } from "@/lib/work-items/actions";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";

/** Adds a comment; the box empties only once the server has kept it. */
export function ItemCommentForm({ itemId }: { itemId: string }) {
  const { failure, onSubmit, pending } = useFormAction(addCommentAction, (_, form) => form.reset());
  return (
    <form onSubmit={onSubmit} className="space-y-2" data-testid="comment-form">
      <input type="hidden" name="itemId" value={itemId} />
      <label className="sr-only" htmlFor={`comment-${itemId}`}>
        Comment
      </label>
      <textarea
        id={`comment-${itemId}`}
        name="body"
        rows={3}
        placeholder="Leave a comment…"
        className={`${controlClass} mt-0 resize-y`}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
        }}
      />
      {failure ? <FormError message={failure.message} /> : null}
      <div className="flex items-center justify-end gap-3">
        <span className="text-xs text-slate-400">Ctrl + Enter to send</span>
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Comment"}
        </Button>
      </div>
    </form>
  );
}
