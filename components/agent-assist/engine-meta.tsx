import type { ReviewRecommendation } from "@/lib/agents/review-queries";

const number = new Intl.NumberFormat("en-US");

/** The small print under a recommendation: which engine and model, tokens, latency, the commit it read. */
export function EngineMeta({ rec }: { rec: ReviewRecommendation }) {
  const parts: React.ReactNode[] = [];
  if (rec.engine) parts.push(rec.model ? `${rec.engine} · ${rec.model}` : rec.engine);
  if (rec.intent) parts.push(`intent: ${rec.intent}`);
  if (rec.inputTokens !== null || rec.outputTokens !== null) {
    parts.push(`${number.format(rec.inputTokens ?? 0)} in / ${number.format(rec.outputTokens ?? 0)} out tokens`);
  }
  if (rec.latencyMs !== null) parts.push(rec.latencyMs < 1000 ? `${rec.latencyMs} ms` : `${(rec.latencyMs / 1000).toFixed(1)} s`);
  if (rec.baseCommit) {
    parts.push(
      <span key="base">
        base <code className="font-mono" title={rec.baseCommit}>{rec.baseCommit.slice(0, 7)}</code>
      </span>,
    );
  }
  if (!parts.length) return null;
  return (
    <p className="flex flex-wrap gap-x-2 text-[11px] text-slate-500" data-testid="engine-meta">
      {parts.map((p, i) => (
        <span key={i} className="after:ml-2 after:text-slate-300 after:content-['·'] last:after:content-none">
          {p}
        </span>
      ))}
    </p>
  );
}
