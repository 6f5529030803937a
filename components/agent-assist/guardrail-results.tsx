import type { GuardrailResult } from "@/lib/agents/catalog/schemas";

const LOOK: Record<GuardrailResult["verdict"], { label: string; chip: string }> = {
  pass: { label: "passed", chip: "bg-slate-100 text-slate-600 ring-slate-200" },
  flag: { label: "flagged", chip: "bg-amber-50 text-amber-800 ring-amber-300" },
  block: { label: "blocked", chip: "bg-rose-50 text-rose-800 ring-rose-300" },
};

/**
 * Guardrail results of an agent call: flags and blocks spelled out (a reviewer must read them before
 * trusting the proposal), passes folded into one line of chips.
 */
export function GuardrailResults({ results, title = "Guardrails" }: { results: GuardrailResult[]; title?: string }) {
  if (!results.length) return null;
  const raised = results.filter((r) => r.verdict !== "pass");
  const passed = results.filter((r) => r.verdict === "pass");
  return (
    <section className="space-y-2" data-testid="guardrail-results" aria-label={title}>
      <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h4>
      {raised.length ? (
        <ul className="space-y-1.5">
          {raised.map((r, i) => (
            <li key={i} className={`rounded-lg px-3 py-2 text-sm ring-1 ring-inset ${LOOK[r.verdict].chip}`} data-testid={`guardrail-${r.verdict}`}>
              <span className="font-semibold">
                {r.tag} · {LOOK[r.verdict].label}
              </span>
              <span className="ml-1">{r.reason}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {passed.length ? (
        <p className="flex flex-wrap gap-1.5 text-xs">
          {passed.map((r, i) => (
            <span key={i} title={r.reason} className={`rounded-full px-2 py-0.5 ring-1 ring-inset ${LOOK.pass.chip}`}>
              {r.tag}: {r.kind.replace("_", " ")} {LOOK.pass.label}
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
