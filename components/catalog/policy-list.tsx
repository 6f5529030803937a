"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import type { GuardrailCheck } from "@/lib/agents/catalog/schemas";
import { deletePolicyAction } from "@/lib/catalog/actions";
import { describeCheck } from "./check-text";
import { OwnerBadge } from "./owner-badge";
import { type OwnerChoice } from "./owner-fields";
import { PolicyForm } from "./policy-form";
import type { Visibility } from "./agent-draft";

export type PolicyRow = {
  id: string;
  tag: string;
  description: string;
  checks: GuardrailCheck[];
  visibility: Visibility;
  teamName: string | null;
  ownerName: string;
  canWrite: boolean;
};

/**
 * The guardrail policies page's interactive part: a "New policy" form on demand, then each policy with
 * its checks in words; writers edit one in place or delete it after a confirmation.
 */
export function PolicyList({ policies, owner }: { policies: PolicyRow[]; owner: OwnerChoice & { visibility: Visibility; teamId: string } }) {
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {creating ? (
        <PolicyForm
          mode="create"
          owner={owner}
          onDone={(tag) => {
            setCreating(false);
            setSaved(`Created “${tag}”.`);
          }}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <div className="flex items-center gap-3">
          <Button type="button" onClick={() => (setCreating(true), setSaved(null))} data-testid="new-policy">
            New policy
          </Button>
          {saved ? (
            <p role="status" className="text-sm text-emerald-700" data-testid="policy-saved">
              {saved}
            </p>
          ) : null}
        </div>
      )}
      {policies.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500" data-testid="no-policies">
          No policies written yet. The builtin tags below work without one.
        </p>
      ) : (
        <ul className="space-y-3" data-testid="policy-list">
          {policies.map((p) => (
            <PolicyItem key={p.id} policy={p} onSaved={setSaved} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PolicyItem({ policy, onSaved }: { policy: PolicyRow; onSaved: (message: string) => void }) {
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (mode === "edit") {
    return (
      <li data-testid="policy-row" data-tag={policy.tag}>
        <PolicyForm
          mode="edit"
          policy={policy}
          onDone={(tag) => {
            setMode("view");
            onSaved(`Saved “${tag}”.`);
          }}
          onCancel={() => setMode("view")}
        />
      </li>
    );
  }
  const remove = () => {
    setError(null);
    startTransition(async () => {
      const result = await deletePolicyAction({ policyId: policy.id });
      if (!result.ok) setError(result.message);
    });
  };
  return (
    <li className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="policy-row" data-tag={policy.tag}>
      <div className="flex flex-wrap items-center gap-3">
        <code className="font-mono font-semibold text-slate-900">{policy.tag}</code>
        <OwnerBadge owner={policy} />
        <span className="ml-auto inline-flex gap-2">
          {policy.canWrite && mode === "view" ? (
            <>
              <Button type="button" variant="secondary" onClick={() => setMode("edit")} aria-label={`Edit ${policy.tag}`}>
                Edit
              </Button>
              <Button type="button" variant="secondary" onClick={() => setMode("delete")} aria-label={`Delete ${policy.tag}`}>
                Delete
              </Button>
            </>
          ) : null}
          {mode === "delete" ? (
            <ConfirmInline
              label={`Confirm deleting ${policy.tag}`}
              warning="Tasks tagged with it are no longer checked by it."
              confirmText="Yes, delete"
              pendingText="Deleting…"
              pending={pending}
              error={error}
              onConfirm={remove}
              onCancel={() => setMode("view")}
            />
          ) : null}
        </span>
      </div>
      {policy.description ? <p className="mt-1 text-sm text-slate-600">{policy.description}</p> : null}
      <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700" data-testid="policy-checks">
        {policy.checks.map((c, i) => (
          <li key={i}>{describeCheck(c)}</li>
        ))}
      </ul>
    </li>
  );
}
