import { Badge, type Tone } from "@/components/ui/badge";

const KINDS: Record<string, { label: string; tone: Tone; title: string }> = {
  llm: { label: "LLM", tone: "violet", title: "A model behind an OpenAI-compatible server, with instructions and tools" },
  http: { label: "HTTP", tone: "sky", title: "A remote agent service called over HTTP" },
  builtin: { label: "Builtin", tone: "slate", title: "Tandem's offline, deterministic planner" },
};

/** An agent's kind as a small badge; the tooltip says what the kind means. */
export function KindBadge({ kind }: { kind: string }) {
  const k = KINDS[kind] ?? { label: kind || "unknown", tone: "slate" as Tone, title: "" };
  return (
    <span data-testid="agent-kind" data-kind={kind}>
      <Badge tone={k.tone} title={k.title}>
        {k.label}
      </Badge>
    </span>
  );
}

/** Capabilities as chips; `missing` ones (a role needs them, the agent lacks them) are marked. */
export function CapabilityChips({ capabilities, missing = [], empty = "none" }: { capabilities: string[]; missing?: string[]; empty?: string }) {
  if (capabilities.length === 0) return <span className="text-xs text-slate-400">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Capabilities">
      {capabilities.map((c) => (
        <li
          key={c}
          data-testid="capability"
          className={`rounded px-1.5 py-0.5 font-mono text-xs ring-1 ring-inset ${
            missing.includes(c) ? "bg-rose-50 text-rose-700 ring-rose-200" : "bg-slate-50 text-slate-700 ring-slate-200"
          }`}
          title={missing.includes(c) ? "Missing" : undefined}
        >
          {c}
        </li>
      ))}
    </ul>
  );
}
