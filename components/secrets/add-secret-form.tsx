"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/select";
import { useFormAction } from "@/components/ui/use-form-action";
import { setSecretAction } from "@/lib/secrets/actions";
import { MAX_SECRET_LENGTH } from "@/lib/secrets/schemas";

export type SecretOwnerOption = { teamId: string | null; label: string };

/**
 * Adds a secret for the person or for a team they administer. The value goes in through a password field
 * and never comes back: after saving, the form is emptied and only the name is confirmed.
 */
export function AddSecretForm({ owners }: { owners: SecretOwnerOption[] }) {
  const [owner, setOwner] = useState(owners[0]?.teamId ?? "");
  const [saved, setSaved] = useState<string | null>(null);
  const { failure, fieldErrors, onSubmit, pending } = useFormAction(setSecretAction, (data, form) => {
    setSaved(`Saved “${data.name}”${data.scope === "team" ? ` for ${owners.find((o) => o.teamId === data.teamId)?.label ?? "the team"}` : " for you"}.`);
    form.reset();
    setOwner(owners[0]?.teamId ?? "");
  });
  return (
    <section className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-labelledby="add-secret-heading">
      <h2 id="add-secret-heading" className="font-semibold">
        Add secret
      </h2>
      <form onSubmit={onSubmit} onChange={() => setSaved(null)} className="flex flex-wrap items-start gap-4" data-testid="add-secret-form" noValidate>
        <input type="hidden" name="scope" value={owner ? "team" : "user"} />
        <input type="hidden" name="teamId" value={owner} />
        <div className="w-52">
          <Select label="For" value={owner} onChange={(e) => setOwner(e.target.value)} error={fieldErrors.teamId ?? fieldErrors.scope}>
            {owners.map((o) => (
              <option key={o.teamId ?? "user"} value={o.teamId ?? ""}>
                {o.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-64">
          <Field label="Name" hint="Letters, digits and _, e.g. GITHUB_TOKEN." error={fieldErrors.name}>
            {(aria) => <input name="name" required maxLength={64} autoComplete="off" spellCheck={false} className={`${controlClass} font-mono`} {...aria} />}
          </Field>
        </div>
        <div className="min-w-64 flex-1">
          <Field label="Value" hint="Stored encrypted; never shown again." error={fieldErrors.value}>
            {(aria) => <input name="value" type="password" required maxLength={MAX_SECRET_LENGTH} autoComplete="new-password" className={controlClass} {...aria} />}
          </Field>
        </div>
        <Button type="submit" disabled={pending} className="mt-6">
          {pending ? "Saving…" : "Add secret"}
        </Button>
      </form>
      {saved ? (
        <p role="status" className="text-sm text-emerald-700" data-testid="secret-saved">
          {saved}
        </p>
      ) : null}
      {failure && !failure.fieldErrors ? <FormError message={failure.message} /> : null}
    </section>
  );
}
