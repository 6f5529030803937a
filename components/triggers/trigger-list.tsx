import { Timestamp } from "@/components/items/timestamp";
import { Badge, type Tone } from "@/components/ui/badge";
import type { TriggerKind, TriggerView } from "@/lib/triggers/schemas";
import { DeleteTriggerButton, EnabledToggle, RotateSecret } from "./trigger-controls";
import { WebhookHelp } from "./webhook-help";

const KIND: Record<TriggerKind, { label: string; tone: Tone }> = {
  event: { label: "Event", tone: "sky" },
  cron: { label: "Schedule", tone: "violet" },
  webhook: { label: "Webhook", tone: "amber" },
};

/** A workflow's triggers: kind, what fires them, when they last fired; writers can toggle, rotate and delete. */
export function TriggerList({ triggers, canWrite, origin }: { triggers: TriggerView[]; canWrite: boolean; origin: string }) {
  if (triggers.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500" data-testid="no-triggers">
        No triggers yet. {canWrite ? "Add one above to create items from events, on a schedule or from other systems." : "Only people who may change this workflow can add them."}
      </p>
    );
  }
  return (
    <ul className="space-y-3" data-testid="trigger-list">
      {triggers.map((t) => {
        const url = t.webhookPath ? `${origin}${t.webhookPath}` : null;
        return (
          <li key={t.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="trigger-row" data-trigger-name={t.name}>
            <div className="flex flex-wrap items-center gap-3">
              {canWrite ? (
                <EnabledToggle id={t.id} name={t.name} enabled={t.enabled} />
              ) : (
                <Badge tone={t.enabled ? "emerald" : "slate"}>{t.enabled ? "On" : "Off"}</Badge>
              )}
              <span className={`font-medium ${t.enabled ? "text-slate-900" : "text-slate-500"}`}>{t.name}</span>
              <Badge tone={KIND[t.kind].tone}>{KIND[t.kind].label}</Badge>
              <span className="ml-auto text-xs text-slate-500" data-testid="trigger-last-fired">
                {t.lastFiredAt ? (
                  <>
                    Last fired <Timestamp at={new Date(t.lastFiredAt)} />
                  </>
                ) : (
                  "Never fired"
                )}
              </span>
              {canWrite ? <DeleteTriggerButton id={t.id} name={t.name} /> : null}
            </div>
            <p className="mt-1 text-sm text-slate-600" data-testid="trigger-summary">
              {t.kind === "cron" ? <code className="font-mono text-slate-800">{t.summary}</code> : t.summary}
              {typeof t.config.title === "string" ? <span className="text-slate-400"> · title “{t.config.title}”</span> : null}
              {t.createdByName ? <span className="text-slate-400"> · set up by {t.createdByName}</span> : null}
            </p>
            {url ? (
              <details className="mt-3 group">
                <summary className="cursor-pointer text-sm font-medium text-indigo-600 hover:underline">How to call it</summary>
                <div className="mt-3 space-y-3">
                  <WebhookHelp url={url} secret={null} />
                  {canWrite ? <RotateSecret id={t.id} name={t.name} url={url} /> : null}
                </div>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
