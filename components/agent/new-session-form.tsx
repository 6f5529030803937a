"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createAgentSessionAction } from "@/lib/agents/session-actions";

/**
 * Opens a session: a repository under the allowed roots (suggested from the git folders found there), an
 * optional work item by id or pasted link, and a title. The new session becomes the active one.
 */
export function NewSessionForm({ roots, suggestions, startOpen }: { roots: string[]; suggestions: string[]; startOpen: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(startOpen);
  const { failure, fieldErrors, onSubmit, pending } = useFormAction(createAgentSessionAction, (data, form) => {
    form.reset();
    setOpen(false);
    router.push(`/agent?session=${data.id}`);
  });
  if (!open) {
    return (
      <Button type="button" variant="secondary" className="w-full" onClick={() => setOpen(true)} data-testid="new-session-button">
        New session
      </Button>
    );
  }
  const rootText = roots.length ? roots.join(", ") : "none (set TANDEM_REPO_ROOTS)";
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="new-session-form" noValidate>
      <h3 className="text-sm font-semibold text-slate-800">New session</h3>
      <Field
        label="Repository"
        hint={
          <>
            A folder under the allowed {roots.length === 1 ? "root" : "roots"}: <span className="font-mono break-all">{rootText}</span>
          </>
        }
        error={fieldErrors.repo}
      >
        {(aria) => (
          <input
            name="repo"
            required
            autoFocus
            list="agent-repo-suggestions"
            autoComplete="off"
            spellCheck={false}
            placeholder={suggestions[0] ?? "my-repo"}
            className={`${controlClass} font-mono`}
            {...aria}
          />
        )}
      </Field>
      <datalist id="agent-repo-suggestions">
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <TextField label="Work item (optional)" name="workItem" autoComplete="off" spellCheck={false} hint="An item's id, or paste its link." error={fieldErrors.workItem} />
      <TextField label="Title (optional)" name="title" maxLength={200} hint="Defaults to the folder's name (and the item's title)." error={fieldErrors.title} />
      {failure && !failure.fieldErrors ? <FormError message={failure.message} /> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} data-testid="create-session">
          {pending ? "Opening…" : "Open session"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
