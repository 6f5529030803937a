"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { deleteAgentSessionAction, setAgentSessionStatusAction } from "@/lib/agents/session-actions";

const linkButton = "rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300";

/** Close or reopen a session, or delete it after an inline confirmation; deleting the active one leaves it. */
export function SessionRowActions({ id, title, status, active }: { id: string; title: string; status: "open" | "closed"; active: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toggle = () => {
    setError(null);
    startTransition(async () => {
      const result = await setAgentSessionStatusAction({ id, status: status === "open" ? "closed" : "open" });
      if (!result.ok) setError(result.message);
    });
  };
  const remove = () => {
    setError(null);
    startTransition(async () => {
      const result = await deleteAgentSessionAction({ id });
      if (!result.ok) setError(result.message);
      else if (active) router.replace("/agent");
    });
  };
  if (confirming) {
    return (
      <ConfirmInline
        label={`Confirm deleting ${title}`}
        warning="Its plan and messages go too."
        confirmText="Yes, delete"
        pendingText="Deleting…"
        pending={pending}
        error={error}
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      />
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <button type="button" className={linkButton} onClick={toggle} disabled={pending} aria-label={`${status === "open" ? "Close" : "Reopen"} ${title}`}>
        {status === "open" ? "Close" : "Reopen"}
      </button>
      <button type="button" className={linkButton} onClick={() => setConfirming(true)} disabled={pending} aria-label={`Delete ${title}`}>
        Delete
      </button>
      {error ? (
        <span role="alert" className="w-full text-xs text-rose-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
