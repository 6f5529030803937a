"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { archiveItemAction } from "@/lib/work-items/actions";

/** Archives an item (after a confirm: it leaves the board) or restores it. */
export function ItemArchiveButton({ id, archived, variant = "secondary" }: { id: string; archived: boolean; variant?: "secondary" | "ghost" }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    if (!archived && !window.confirm("Archive this item? It leaves the board; its history and comments are kept, and you can restore it.")) return;
    setError(null);
    startTransition(async () => {
      const result = await archiveItemAction({ id, archived: !archived });
      if (!result.ok) setError(result.message);
    });
  };
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button type="button" variant={variant} onClick={run} disabled={pending}>
        {archived ? (pending ? "Restoring…" : "Restore") : pending ? "Archiving…" : "Archive"}
      </Button>
      {error ? (
        <span role="alert" className="max-w-xs text-right text-xs text-rose-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
