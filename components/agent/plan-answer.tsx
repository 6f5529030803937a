"use client";
import { PatchView } from "@/components/agent-assist/patch-view";
import { PlanView } from "@/components/agent-assist/plan-view";
import type { Plan } from "@/lib/agents/types";
import { AnswerCard } from "./answer-views";

const number = new Intl.NumberFormat("en-US");

export type PlanShown = {
  plan: Plan;
  patch: string | null;
  engine: string | null;
  model: string | null;
  intent: string | null;
  notes?: string[];
  usage?: { inputTokens: number; outputTokens: number };
  latencyMs?: number;
  baseCommit?: string | null;
};

/** A plan with how it was made, what the engine could not do, and its patch; for a fresh answer or the session's current plan. */
export function PlanAnswer({ shown, title = "Plan" }: { shown: PlanShown; title?: string }) {
  const meta = [
    shown.engine ? (shown.model ? `${shown.engine} · ${shown.model}` : shown.engine) : null,
    shown.intent ? `intent: ${shown.intent}` : null,
    shown.usage ? `${number.format(shown.usage.inputTokens)} in / ${number.format(shown.usage.outputTokens)} out tokens` : null,
    shown.latencyMs !== undefined ? (shown.latencyMs < 1000 ? `${Math.round(shown.latencyMs)} ms` : `${(shown.latencyMs / 1000).toFixed(1)} s`) : null,
    shown.baseCommit ? `base ${shown.baseCommit.slice(0, 7)}` : null,
  ].filter(Boolean);
  return (
    <AnswerCard title={title} testId="plan-answer">
      {meta.length ? <p className="-mt-2 text-[11px] text-slate-500">{meta.join(" · ")}</p> : null}
      <PlanView plan={shown.plan} />
      {shown.notes?.length ? (
        <div className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset" data-testid="plan-notes">
          <h4 className="text-xs font-semibold tracking-wide uppercase">Notes</h4>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {shown.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {shown.patch ? (
        <div className="space-y-2">
          <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Patch</h4>
          <PatchView patch={shown.patch} plan={shown.plan} />
        </div>
      ) : (
        <p className="text-xs text-slate-500">No patch: the engine proposed steps only.</p>
      )}
    </AnswerCard>
  );
}
