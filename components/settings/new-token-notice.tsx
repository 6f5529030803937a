"use client";
import { Button } from "@/components/ui/button";
import { useCopy } from "@/components/ui/use-copy";

/** The freshly created token, once: a copy button and a warning that it will not be shown again. */
export function NewTokenNotice({ token, name, onDismiss }: { token: string; name: string; onDismiss: () => void }) {
  const { state: copied, copy } = useCopy(token);
  return (
    <div className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-200" data-testid="new-token-notice" role="status">
      <p className="text-sm font-medium text-amber-900">
        Token “{name}” created. Copy it now: it is shown only this once, and Tandem keeps no copy it could show you again.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          value={token}
          aria-label="New API token"
          data-testid="new-token"
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button type="button" onClick={copy}>
          {copied === "copied" ? "Copied" : "Copy"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDismiss}>
          Done
        </Button>
      </div>
      {copied === "failed" ? <p className="text-xs text-amber-900">Copying was refused by the browser; select the text and copy it yourself.</p> : null}
      <p className="text-xs text-amber-800">
        Use it as <code className="font-mono">Authorization: Bearer {token.slice(0, 12)}…</code>. Anyone holding it can act as you through the API.
      </p>
    </div>
  );
}
