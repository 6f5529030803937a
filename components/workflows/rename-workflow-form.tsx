"use client";
import { useActionState, useState } from "react";
import { renameWorkflowAction } from "@/lib/workflows/actions";

type State = Awaited<ReturnType<typeof renameWorkflowAction>> | null;

/** The workflow's name as a heading, editable in place for people who may write it. */
export function RenameWorkflowForm({ id, name, canEdit }: { id: string; name: string; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [state, action, pending] = useActionState<State, FormData>(async (prev, form) => {
    const result = await renameWorkflowAction(prev, form);
    if (result.ok) setEditing(false);
    return result;
  }, null);
  if (!editing) {
    return (
      <div className="flex items-center gap-2">
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="workflow-name">
          {name}
        </h1>
        {canEdit ? (
          <button onClick={() => setEditing(true)} className="text-xs text-slate-500 hover:text-indigo-600">
            Rename
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input
        name="name"
        defaultValue={name}
        autoFocus
        aria-label="Workflow name"
        className="rounded-md border border-slate-300 px-2 py-1 text-lg font-semibold"
      />
      <button disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
        Save
      </button>
      <button type="button" onClick={() => setEditing(false)} className="text-sm text-slate-500">
        Cancel
      </button>
      {state && !state.ok ? (
        <p role="alert" className="w-full text-sm text-rose-600">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
