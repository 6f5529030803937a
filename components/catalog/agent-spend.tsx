import type { Spend } from "@/lib/catalog/queries";

type WorkflowSpend = Spend & { byAgent: (Spend & { agentId: string; name: string })[] };

const count = (n: number) => n.toLocaleString("en-US");
/** Dollars, with enough decimals that a few cents of tokens do not read as $0.00. */
export const usd = (n: number) => `$${n.toFixed(n > 0 && n < 0.01 ? 4 : 2)}`;

/** A workflow's agent calls over a period: calls, tokens and estimated cost, in total and per catalog agent. */
export function AgentSpend({ spend, days }: { spend: WorkflowSpend; days: number }) {
  const figures = [
    { label: "Calls", value: count(spend.calls), id: "spend-calls" },
    { label: "Input tokens", value: count(spend.inputTokens), id: "spend-input" },
    { label: "Output tokens", value: count(spend.outputTokens), id: "spend-output" },
    { label: "Estimated cost", value: usd(spend.costUsd), id: "spend-cost" },
  ];
  return (
    <section className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-labelledby="spend-heading" data-testid="agent-spend">
      <div>
        <h2 id="spend-heading" className="font-semibold">
          Agent spend, last {days} days
        </h2>
        <p className="text-sm text-slate-500">Every agent call of this workflow (task graphs and agent-assist stages); costs are estimated from each agent&apos;s prices.</p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map((f) => (
          <div key={f.id} className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
            <dt className="text-xs text-slate-500">{f.label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={f.id}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      {spend.byAgent.length ? (
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Spend per catalog agent</caption>
          <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2">
                Agent
              </th>
              <th scope="col" className="py-2 text-right">
                Calls
              </th>
              <th scope="col" className="py-2 text-right">
                Tokens in / out
              </th>
              <th scope="col" className="py-2 text-right">
                Cost
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {spend.byAgent.map((a) => (
              <tr key={a.agentId}>
                <th scope="row" className="py-2 text-left font-medium">
                  {a.name}
                </th>
                <td className="py-2 text-right">{count(a.calls)}</td>
                <td className="py-2 text-right">
                  {count(a.inputTokens)} / {count(a.outputTokens)}
                </td>
                <td className="py-2 text-right">{usd(a.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-500" data-testid="spend-empty">
          {spend.calls ? "None of these calls went to a catalog agent." : `No agent calls in the last ${days} days.`}
        </p>
      )}
    </section>
  );
}
