"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmInline } from "@/components/ui/confirm-inline";
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
    <ConfirmInline
      label={`Confirm revoking ${name}`}
      warning="Programs using it stop working."
      confirmText="Yes, revoke"
      pendingText="Revoking…"
      pending={pending}
      error={error}
      onConfirm={revoke}
      onCancel={() => setConfirming(false)}
    />
  );
}
