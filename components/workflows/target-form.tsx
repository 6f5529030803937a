"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { TextArea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/auth/action-core";

type Visibility = "personal" | "team" | "global";

/**
 * Name, description, visibility and owning team of a new workflow or template: the one form behind
 * "New workflow", "Use template" and "Save as template". On success it opens `next` with `{id}` replaced
 * by the new workflow's id (a string: a server page cannot hand a function to a client component).
 */
export function TargetForm({
  action,
  hidden,
  defaults,
  teams,
  canGlobal,
  submitLabel,
  cancelHref,
  next,
}: {
  action: (prev: unknown, form: FormData) => Promise<ActionResult<{ id: string }>>;
  hidden: Record<string, string>;
  defaults: { name: string; description: string; visibility: Visibility; teamId: string | null };
  teams: { id: string; name: string }[];
  canGlobal: boolean;
  submitLabel: string;
  cancelHref: string;
  next: string;
}) {
  const router = useRouter();
  const [visibility, setVisibility] = useState<Visibility>(defaults.visibility);
  const { failure, fieldErrors, onSubmit, pending } = useFormAction(action, (data) => router.push(next.replace("{id}", data.id)));
  return (
    <form onSubmit={onSubmit} className="space-y-5" data-testid="target-form" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextField label="Name" name="name" defaultValue={defaults.name} error={fieldErrors.name} required maxLength={120} />
      <TextArea label="Description" name="description" defaultValue={defaults.description} error={fieldErrors.description} rows={3} />
      <Select
        label="Who can see it"
        name="visibility"
        value={visibility}
        onChange={(e) => setVisibility(e.target.value as Visibility)}
        error={fieldErrors.visibility}
        hint={canGlobal ? undefined : "Sharing with everyone (global) is for instance admins."}
      >
        <option value="personal">Only me (personal)</option>
        <option value="team" disabled={teams.length === 0}>
          A team I belong to
        </option>
        {canGlobal ? <option value="global">Everyone on this instance (global)</option> : null}
      </Select>
      {visibility !== "personal" ? (
        <Select label="Team" name="teamId" defaultValue={defaults.teamId ?? teams[0]?.id ?? ""} error={fieldErrors.teamId}>
          {visibility === "global" ? <option value="">No team</option> : null}
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      ) : null}
      {failure ? <FormError message={failure.message} /> : null}
      <div className="flex items-center justify-end gap-2 border-t border-slate-200 pt-4">
        <Link href={cancelHref} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
          Cancel
        </Link>
        <Button type="submit" disabled={pending} data-testid="target-submit">
          {pending ? "Working…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
