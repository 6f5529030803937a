"use client";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, controlClass } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { createApiTokenAction } from "@/lib/auth/token-actions";
import { NewTokenNotice } from "./new-token-notice";

/** Names a new token and picks its lifetime; the token itself is shown once, right here. */
export function CreateTokenForm() {
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const { failure, fieldErrors, onSubmit, pending } = useFormAction(createApiTokenAction, (data, form) => {
    setCreated({ token: data.token, name: data.view.name });
    form.reset();
  });
  return (
    <section className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading" className="font-semibold">
        Create a token
      </h2>
      {created ? <NewTokenNotice token={created.token} name={created.name} onDismiss={() => setCreated(null)} /> : null}
      <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-4" data-testid="create-token-form" noValidate>
        <div className="min-w-64 flex-1">
          <Field label="Name" hint="What uses it, e.g. “CI sync script”." error={fieldErrors.name}>
            {(aria) => <input name="name" required maxLength={100} autoComplete="off" className={controlClass} {...aria} />}
          </Field>
        </div>
        <div className="w-44">
          <Select label="Expires" name="expiresInDays" defaultValue="30" error={fieldErrors.expiresInDays}>
            <option value="7">In 7 days</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
            <option value="never">Never</option>
          </Select>
        </div>
        <Button type="submit" disabled={pending} className="mt-6">
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {failure && !failure.fieldErrors ? <FormError message={failure.message} /> : null}
    </section>
  );
}
