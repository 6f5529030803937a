"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteSecretAction, setSecretAction } from "@/lib/secrets/actions";
import { MAX_SECRET_LENGTH, type SecretScope } from "@/lib/secrets/schemas";

type Props = { scope: SecretScope; teamId: string | null; name: string };

/** Replaces a secret's value (typed fresh, never shown) or deletes it after an inline confirmation. */
export function SecretRowActions({ scope, teamId, name }: Props) {
  const [mode, setMode] = useState<"idle" | "replacing" | "deleting">("idle");
  if (mode === "replacing") return <ReplaceForm scope={scope} teamId={teamId} name={name} onDone={() => setMode("idle")} />;
  if (mode === "deleting") return <ConfirmDelete scope={scope} teamId={teamId} name={name} onCancel={() => setMode("idle")} />;
  return (
    <span className="inline-flex gap-2">
      <Button type="button" variant="secondary" onClick={() => setMode("replacing")} aria-label={`Replace ${name}`}>
        Replace
      </Button>
      <Button type="button" variant="secondary" onClick={() => setMode("deleting")} aria-label={`Delete ${name}`}>
        Delete
      </Button>
    </span>
  );
}

function ReplaceForm({ onDone, ...target }: Props & { onDone: () => void }) {
  const { failure, onSubmit, pending } = useFormAction(setSecretAction, () => onDone());
  return (
    <form onSubmit={onSubmit} className="inline-flex flex-wrap items-center justify-end gap-2" aria-label={`Replace ${target.name}`} noValidate>
      <input type="hidden" name="scope" value={target.scope} />
      <input type="hidden" name="teamId" value={target.teamId ?? ""} />
      <input type="hidden" name="name" value={target.name} />
      <input
        name="value"
        type="password"
        required
        autoFocus
        maxLength={MAX_SECRET_LENGTH}
        autoComplete="new-password"
        placeholder="New value"
        aria-label={`New value of ${target.name}`}
        aria-invalid={failure ? true : undefined}
        className="block w-40 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none aria-[invalid=true]:border-rose-400"
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <Button type="button" variant="ghost" onClick={onDone} disabled={pending}>
        Cancel
      </Button>
      {failure ? (
        <span role="alert" className="w-full text-right text-xs text-rose-600">
          {failure.message}
        </span>
      ) : null}
    </form>
  );
}

function ConfirmDelete({ onCancel, ...target }: Props & { onCancel: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () => {
    setError(null);
    startTransition(async () => {
      const result = await deleteSecretAction({ scope: target.scope, teamId: target.teamId ?? undefined, name: target.name });
      if (!result.ok) setError(result.message);
    });
  };
  return (
    <ConfirmInline
      label={`Confirm deleting ${target.name}`}
      warning="Runs that need it will stop."
      confirmText="Yes, delete"
      pendingText="Deleting…"
      pending={pending}
      error={error}
      onConfirm={remove}
      onCancel={onCancel}
    />
  );
}
