"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { archiveAgentAction } from "@/lib/catalog/actions";

/** Archives an agent after a confirmation (workflows binding it stop being able to run that role), or restores it at once. */
export function ArchiveAgentButton({ agentId, name, archived }: { agentId: string; name: string; archived: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (next: boolean) => {
    setError(null);
    startTransition(async () => {
      const result = await archiveAgentAction({ agentId, archived: next });
      if (result.ok) setConfirming(false);
      else setError(result.message);
    });
  };
  if (confirming) {
    return (
      <ConfirmInline
        label={`Confirm archiving ${name}`}
        warning="Roles bound to it fail their next runs until you bind another agent or restore it."
        confirmText="Yes, archive"
        pendingText="Archiving…"
        pending={pending}
        error={error}
        onConfirm={() => run(true)}
        onCancel={() => setConfirming(false)}
      />
    );
  }
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button type="button" variant="secondary" disabled={pending} onClick={() => (archived ? run(false) : setConfirming(true))} data-testid="archive-agent">
        {archived ? (pending ? "Restoring…" : "Restore") : "Archive"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-rose-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
