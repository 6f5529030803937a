import { Badge, type Tone } from "@/components/ui/badge";
import type { Plan, Risk } from "@/lib/agents/types";

const RISK_TONE: Record<Risk, Tone> = { low: "emerald", medium: "amber", high: "rose" };

/** A step's risk as a coloured badge: low green, medium amber, high red. */
export function RiskBadge({ risk }: { risk: Risk }) {
  return (
    <span data-testid="risk-badge" data-risk={risk}>
      <Badge tone={RISK_TONE[risk]}>{risk} risk</Badge>
    </span>
  );
}

/** Minutes as a person says them: "45 min", "2 h", "1 h 30 min". */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** A plan read-only: summary, total estimate, each step with its risk, estimate and files, then the risks. */
export function PlanView({ plan }: { plan: Plan }) {
  const total = plan.steps.reduce((n, s) => n + s.estimate_minutes, 0);
  const highest = plan.steps.some((s) => s.risk === "high") ? "high" : plan.steps.some((s) => s.risk === "medium") ? "medium" : "low";
  return (
    <div className="space-y-4">
      <p className="text-sm whitespace-pre-wrap text-slate-800" data-testid="plan-summary">
        {plan.summary}
      </p>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
        <span>
          {plan.steps.length} {plan.steps.length === 1 ? "step" : "steps"}
        </span>
        <span data-testid="plan-total-estimate">
          about <strong className="font-semibold text-slate-800">{formatMinutes(total)}</strong> in all
        </span>
        <span>highest risk: {highest}</span>
      </p>
      <ol className="space-y-2">
        {plan.steps.map((step, i) => (
          <li key={i} className="rounded-lg bg-white px-3 py-2.5 ring-1 ring-slate-200" data-testid="plan-step">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-xs font-semibold text-slate-400 tabular-nums">{i + 1}.</span>
              <span className="min-w-0 flex-1 text-sm font-medium text-slate-900">{step.title}</span>
              <RiskBadge risk={step.risk} />
              <span className="text-xs text-slate-500 tabular-nums">{formatMinutes(step.estimate_minutes)}</span>
            </div>
            {step.description ? <p className="mt-1 text-sm whitespace-pre-wrap text-slate-600">{step.description}</p> : null}
            {step.files.length ? (
              <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Files">
                {step.files.map((f) => (
                  <li key={f} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
                    {f}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {plan.risks.length ? (
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Risks</h4>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
            {plan.risks.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
