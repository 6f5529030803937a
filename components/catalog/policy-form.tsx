"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import type { GuardrailCheck } from "@/lib/agents/catalog/schemas";
import { savePolicyAction } from "@/lib/catalog/actions";
import type { Visibility } from "./agent-draft";
import { CheckFields } from "./check-fields";
import { type FieldErrors, errorsAt, hasUnplaced, mergeErrors } from "./field-errors";
import { MonoField } from "./mono-field";
import { type OwnerChoice, OwnerFields } from "./owner-fields";
import { type CheckDraft, checkDraft, policyDraft, policyInputOf } from "./policy-draft";
import { useObjectAction } from "./use-object-action";

const MAX_CHECKS = 20;

type Props = (
  | { mode: "create"; owner: OwnerChoice & { visibility: Visibility; teamId: string } }
  | { mode: "edit"; policy: { id: string; tag: string; description: string; checks: GuardrailCheck[] } }
) & { onDone: (tag: string) => void; onCancel: () => void };

/**
 * Creates a guardrail policy or replaces one's tag, description and checks. What the person typed stays
 * on screen when the server refuses it (an invalid regular expression, a tag already used).
 */
export function PolicyForm(props: Props) {
  const editing = props.mode === "edit" ? props.policy : null;
  const [draft, setDraft] = useState(() => policyDraft(editing, props.mode === "create" ? props.owner : { visibility: "team", teamId: "" }));
  const [local, setLocal] = useState<FieldErrors>({});
  const save = useObjectAction(savePolicyAction, (data) => props.onDone(data.tag));
  const errors = mergeErrors(local, save.fieldErrors);
  const err = (path: string) => errorsAt(errors, path);
  const setCheck = (key: number, patch: Partial<CheckDraft>) =>
    setDraft((d) => ({ ...d, checks: d.checks.map((c) => (c.key === key ? { ...c, ...patch } : c)) }));

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = policyInputOf(draft);
    if (!parsed.ok) {
      setLocal(parsed.errors);
      save.clear();
      return;
    }
    setLocal({});
    save.submit(
      editing ? { ...parsed.input, policyId: editing.id } : { ...parsed.input, visibility: draft.visibility, teamId: draft.teamId || null },
    );
  };

  const failure = save.failure;
  const placed = ["tag", "description", "visibility", "teamId", "checks"];
  const summary =
    Object.keys(local).length || (failure?.fieldErrors && !hasUnplaced(failure.fieldErrors, placed))
      ? "Some fields need attention; see the messages beside them."
      : (failure?.message ?? null);
  const headingId = editing ? `edit-policy-${editing.id}` : "new-policy-heading";

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid="policy-form" aria-labelledby={headingId}>
      <h2 id={headingId} className="font-semibold">
        {editing ? `Edit “${editing.tag}”` : "New guardrail policy"}
      </h2>
      <div className="grid gap-4 sm:grid-cols-[16rem_1fr]">
        <MonoField
          label="Tag"
          value={draft.tag}
          onChange={(e) => setDraft((d) => ({ ...d, tag: e.target.value }))}
          error={err("tag")}
          placeholder="safe-patch"
          hint="What tasks and stages name in their policy tags."
        />
        <TextField
          label="Description"
          value={draft.description}
          onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
          error={err("description")}
          placeholder="Patches stay in src/ and test/, and stay small."
        />
      </div>
      {props.mode === "create" ? (
        <OwnerFields
          noun="policy"
          visibility={draft.visibility}
          teamId={draft.teamId}
          onChange={(o) => setDraft((d) => ({ ...d, ...o }))}
          choice={props.owner}
          errors={{ visibility: err("visibility"), teamId: err("teamId") }}
        />
      ) : null}
      <div className="space-y-3">
        <h3 className="text-sm font-medium text-slate-700">Checks</h3>
        {draft.checks.map((c, i) => (
          <CheckFields
            key={c.key}
            check={c}
            index={i}
            onChange={(patch) => setCheck(c.key, patch)}
            onRemove={draft.checks.length > 1 ? () => setDraft((d) => ({ ...d, checks: d.checks.filter((x) => x.key !== c.key) })) : null}
            err={(field) => errorsAt(errors, `checks.${i}.${field}`)}
          />
        ))}
        {errors.checks ? (
          <p className="text-xs font-medium text-rose-600" data-testid="field-error">
            {errors.checks.join(" ")}
          </p>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          disabled={draft.checks.length >= MAX_CHECKS}
          onClick={() => setDraft((d) => ({ ...d, checks: [...d.checks, checkDraft("secrets")] }))}
          data-testid="add-check"
        >
          Add a check
        </Button>
      </div>
      {summary ? <FormError message={summary} /> : null}
      <div className="flex items-center justify-end gap-2 border-t border-slate-200 pt-4">
        <Button type="button" variant="ghost" onClick={props.onCancel} disabled={save.pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.pending} data-testid="policy-submit">
          {save.pending ? "Saving…" : editing ? "Save policy" : "Create policy"}
        </Button>
      </div>
    </form>
  );
}
