"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { revokeApiTokenAction } from "@/lib/auth/token-actions";

/** Revokes a token after an inline confirmation: programs using it stop working at once. */
export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const revoke = () => {
    setError(null);
    startTransition(async () => {
      const result = await revokeApiTokenAction({ id });
      if (!result.ok) setError(result.message);
      else setConfirming(false);
    });
  };
  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2" role="group" aria-label={`Confirm revoking ${name}`}>
      <span className="text-xs text-slate-600">Programs using it stop working.</span>
      <button
        type="button"
        onClick={revoke}
        disabled={pending}
        className="inline-flex items-center rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-500 disabled:cursor-not-allowed disabled:bg-rose-300"
      >
        {pending ? "Revoking…" : "Yes, revoke"}
      </button>
      <Button type="button" variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </Button>
      {error ? (
        <span role="alert" className="w-full text-right text-xs text-rose-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
