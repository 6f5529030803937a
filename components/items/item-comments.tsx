import type { ItemPage } from "@/lib/work-items/queries";
import { Avatar } from "./avatar";
import { ItemCommentForm } from "./item-comment-form";
import { Timestamp } from "./timestamp";

/** Comments, oldest first, and the form to add one for people who may write. */
export function ItemComments({ itemId, comments, canWrite }: { itemId: string; comments: ItemPage["comments"]; canWrite: boolean }) {
  return (
    <div className="space-y-4">
      {comments.length === 0 ? (
        <p className="text-sm text-slate-400" data-testid="no-comments">
          No comments yet.
        </p>
      ) : (
        <ul className="space-y-3">
          {comments.map((c) => (
            <li key={c.id} className="flex gap-3" data-testid="comment">
              <Avatar name={c.authorName ?? "?"} size="md" />
              <div className="min-w-0 flex-1 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
                <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
                  <span className="text-sm font-medium text-slate-900">{c.authorName ?? "Former user"}</span>
                  <Timestamp at={c.createdAt} />
                </p>
                <p className="mt-1 text-sm leading-relaxed whitespace-pre-wrap break-words text-slate-700" data-testid="comment-body">
                  {c.body}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? <ItemCommentForm itemId={itemId} /> : null}
    </div>
  );
}
