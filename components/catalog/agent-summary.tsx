import Link from "next/link";
import type { AgentConfig } from "@/lib/agents/catalog/schemas";
import { CapabilityChips } from "./kind-badge";

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
    <dt className="text-sm font-medium text-slate-500">{label}</dt>
    <dd className="min-w-0 text-sm text-slate-800">{children}</dd>
  </div>
);

const orDefault = (v: string, fallback: string) => (v ? <code className="font-mono">{v}</code> : <span className="text-slate-400">{fallback}</span>);
const price = (p: { inputPerMTok: number; outputPerMTok: number }) => `$${p.inputPerMTok} in / $${p.outputPerMTok} out per million tokens`;

/** An agent's latest version, read-only: for people who may use it but not change it. */
export function AgentSummary({ capabilities, config, agentNames }: { capabilities: string[]; config: AgentConfig; agentNames: Record<string, string> }) {
  return (
    <dl className="divide-y divide-slate-100 rounded-xl bg-white px-5 py-3 shadow-sm ring-1 ring-slate-200" data-testid="agent-summary">
      <Row label="Capabilities">
        <CapabilityChips capabilities={capabilities} />
      </Row>
      {config.kind === "llm" ? (
        <>
          <Row label="Instructions">
            {config.instructions ? <p className="whitespace-pre-wrap">{config.instructions}</p> : <span className="text-slate-400">none</span>}
          </Row>
          <Row label="Model server">{orDefault(config.baseUrl, "the instance's default")}</Row>
          <Row label="Model">{orDefault(config.model, "the instance's default")}</Row>
          <Row label="API key secret">{orDefault(config.apiKeySecret, "the instance's key")}</Row>
          <Row label="Temperature · max turns">
            {config.temperature} · {config.maxTurns}
          </Row>
          <Row label="Output schema">
            {config.outputSchema ? (
              <pre className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify(config.outputSchema, null, 2)}</pre>
            ) : (
              <span className="text-slate-400">none</span>
            )}
          </Row>
          <Row label="Tools">
            {config.tools.length ? (
              <ul className="space-y-1">
                {config.tools.map((t) => (
                  <li key={t.name}>
                    <code className="font-mono">{t.name}</code> <span className="text-slate-500">{t.url}</span>
                    {t.requiresApproval ? <span className="ml-1 text-xs text-amber-700">needs approval</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-400">none</span>
            )}
          </Row>
          <Row label="Handoffs">
            {config.handoffs.length ? (
              config.handoffs.map((id, i) => (
                <span key={id}>
                  {i ? ", " : ""}
                  {agentNames[id] ? <Link href={`/agents/catalog/${id}`} className="text-indigo-600 hover:underline">{agentNames[id]}</Link> : "an agent you cannot see"}
                </span>
              ))
            ) : (
              <span className="text-slate-400">none</span>
            )}
          </Row>
          <Row label="Prices">{price(config.pricing)}</Row>
        </>
      ) : null}
      {config.kind === "http" ? (
        <>
          <Row label="Execute URL">
            <code className="break-all font-mono">{config.url}</code>
          </Row>
          <Row label="Auth secret">{orDefault(config.authSecret, "none")}</Row>
          <Row label="Timeout">{config.timeoutMs.toLocaleString("en-US")} ms</Row>
          <Row label="Prices">{price(config.pricing)}</Row>
        </>
      ) : null}
      {config.kind === "builtin" ? <Row label="Engine">The builtin offline planner; nothing to configure.</Row> : null}
    </dl>
  );
}
