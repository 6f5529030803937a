"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ItemArchiveButton } from "./item-archive-button";
import { type EditableItem, ItemEditForm } from "./item-edit-form";

/** The item's title, description and data, replaced in place by the edit form for people who may write. */
export function ItemDetails({
  item,
  archived,
  assignees,
  canEdit,
}: {
  item: EditableItem;
  archived: boolean;
  assignees: { id: string; name: string }[];
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  if (editing && canEdit) {
    return (
      <section aria-label="Edit item" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <ItemEditForm item={item} assignees={assignees} onDone={() => setEditing(false)} />
      </section>
    );
  }
  const hasData = Object.keys(item.data).length > 0;
  return (
    <div className="space-y-6">
      <div className="flex items-start gap-4">
        <h1 className="min-w-0 flex-1 text-2xl font-semibold tracking-tight text-balance break-words" data-testid="item-title">
          {item.title}
        </h1>
        {canEdit ? (
          <div className="flex shrink-0 items-start gap-2">
            <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            {archived ? null : <ItemArchiveButton id={item.id} archived={false} variant="ghost" />}
          </div>
        ) : null}
      </div>
      <section aria-labelledby="item-description-heading">
        <h2 id="item-description-heading" className="sr-only">
          Description
        </h2>
        {item.description ? (
          <p className="text-[15px] leading-relaxed whitespace-pre-wrap break-words text-slate-700" data-testid="item-description">
            {item.description}
          </p>
        ) : (
          <p className="text-sm text-slate-400 italic" data-testid="item-description">
            No description.
          </p>
        )}
      </section>
      <section aria-labelledby="item-data-heading" className="space-y-2">
        <h2 id="item-data-heading" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Data
        </h2>
        {hasData ? (
          <pre
            className="overflow-x-auto rounded-lg bg-white px-4 py-3 font-mono text-[13px] leading-5 text-slate-800 shadow-sm ring-1 ring-slate-200"
            data-testid="item-data"
          >
            {JSON.stringify(item.data, null, 2)}
          </pre>
        ) : (
          <p className="text-sm text-slate-400" data-testid="item-data">
            No data.
          </p>
        )}
      </section>
    </div>
  );
}
