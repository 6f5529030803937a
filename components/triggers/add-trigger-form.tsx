"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/select";
import { useFormAction } from "@/components/ui/use-form-action";
import { createTriggerAction } from "@/lib/triggers/actions";
import type { SourceOption } from "@/lib/triggers/queries";
import type { TriggerKind } from "@/lib/triggers/schemas";
import { CronFields } from "./cron-fields";
import { EventFields } from "./event-fields";
import { SecretNotice } from "./webhook-help";

const KINDS: { kind: TriggerKind; label: string; hint: string }[] = [
  { kind: "event", label: "Event", hint: "Something happens in a workflow: an item enters a stage, a run ends." },
  { kind: "cron", label: "Schedule", hint: "A cron expression comes round." },
  { kind: "webhook", label: "Webhook", hint: "Another system POSTs a signed request." },
];

const TITLE_HINT: Record<TriggerKind, string> = {
  event: "Leave empty for “<event> in <workflow>”. May use {{event.itemTitle}}, {{event.stageName}}, {{event.workflowName}}, {{event.error}}.",
  cron: "Leave empty for “<name> — <time>”. May use {{trigger.name}} and {{tick}}.",
  webhook: "Leave empty for “<name>: webhook delivery”. May use {{payload.<field>}}, e.g. {{payload.title}}.",
};

type Props = { workflowId: string; stages: { id: string; name: string }[]; sources: SourceOption[]; origin: string };

/** Adds a trigger of any kind; a webhook's secret and a curl example appear right here, once. */
export function AddTriggerForm({ workflowId, stages, sources, origin }: Props) {
  const [kind, setKind] = useState<TriggerKind>("event");
  const [made, setMade] = useState<{ name: string; id: string; secret: string | null } | null>(null);
  const { failure, fieldErrors, onSubmit, pending } = useFormAction(createTriggerAction, (data, form) => {
    setMade({ name: data.view.name, id: data.view.id, secret: data.secret });
    form.reset();
  });
  const errors = (name: string) => fieldErrors[name] ?? fieldErrors[`config.${name}`];
  return (
    <section className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-labelledby="add-trigger-heading">
      <h2 id="add-trigger-heading" className="font-semibold">
        Add a trigger
      </h2>
      {made?.secret ? (
        <SecretNotice name={made.name} url={`${origin}/api/webhooks/${made.id}`} secret={made.secret} onDismiss={() => setMade(null)} />
      ) : made ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
          Added “{made.name}”.
        </p>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-4" data-testid="add-trigger-form" noValidate>
        <input type="hidden" name="workflowId" value={workflowId} />
        <input type="hidden" name="kind" value={kind} />
        <div role="radiogroup" aria-label="Kind of trigger" className="grid gap-2 sm:grid-cols-3">
          {KINDS.map((k) => (
            <button
              key={k.kind}
              type="button"
              role="radio"
              aria-checked={kind === k.kind}
              onClick={() => setKind(k.kind)}
              data-testid={`trigger-kind-${k.kind}`}
              className={`rounded-lg px-3 py-2 text-left ring-1 ring-inset ${kind === k.kind ? "bg-indigo-50 ring-indigo-300" : "bg-white ring-slate-200 hover:bg-slate-50"}`}
            >
              <span className="block text-sm font-medium text-slate-900">{k.label}</span>
              <span className="block text-xs text-slate-500">{k.hint}</span>
            </button>
          ))}
        </div>
        <Field label="Name" hint="What it is for, e.g. “Nightly import” or “Deploys from CI”." error={errors("name")}>
          {(aria) => <input name="name" required maxLength={100} autoComplete="off" className={controlClass} {...aria} />}
        </Field>
        {kind === "event" ? (
          sources.length ? (
            <EventFields sources={sources} defaultSourceId={workflowId} errors={errors} />
          ) : (
            <p className="text-sm text-slate-500">There is no workflow you can read to listen to.</p>
          )
        ) : null}
        {kind === "cron" ? <CronFields errors={errors} /> : null}
        {kind === "webhook" ? (
          <p className="text-sm text-slate-600">A URL and a signing secret are made when you add it; the secret is shown once.</p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-[18rem_1fr]">
          <Select label="New items go to" name="targetStageId" defaultValue="" error={errors("targetStageId")}>
            <option value="">The first stage{stages[0] ? ` (${stages[0].name})` : ""}</option>
            {stages.slice(1).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <Field label="Item title (optional)" hint={TITLE_HINT[kind]} error={errors("title")}>
            {(aria) => <input name="title" maxLength={200} autoComplete="off" className={controlClass} {...aria} />}
          </Field>
        </div>
        {failure && (!failure.fieldErrors || failure.fieldErrors._) ? <FormError message={failure.message} /> : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add trigger"}
        </Button>
      </form>
    </section>
  );
}
