"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Dialog } from "./dialog";

/**
 * Someone saved since this edit began. Nothing is overwritten: reload their version (dropping this edit),
 * or keep this edit as a new workflow.
 */
export function SaveConflictDialog({
  message,
  defaultName,
  onReload,
  onSaveCopy,
  onClose,
}: {
  message: string;
  defaultName: string;
  onReload: () => void;
  onSaveCopy: (name: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const [name, setName] = useState(defaultName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title="Someone else saved this workflow" onClose={onClose} testId="save-conflict">
      <p className="text-sm text-slate-700">{message}</p>
      <p className="text-sm text-slate-600">Reloading shows the latest version and drops your unsaved changes; a copy keeps them in a new workflow.</p>
      <form
        className="space-y-3"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(await onSaveCopy(name));
          setBusy(false);
        }}
      >
        <TextField label="Name of the copy" value={name} maxLength={120} required error={error ?? undefined} onChange={(e) => setName(e.target.value)} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="button" variant="secondary" onClick={onReload}>
            Reload latest
          </Button>
          <Button type="submit" disabled={busy || !name.trim()}>
            {busy ? "Saving…" : "Save as a new copy"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
