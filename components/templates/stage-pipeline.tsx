import type { StageType } from "@/lib/workflows/schemas";

const dot: Record<StageType, string> = {
  HUMAN: "bg-slate-400",
  AUTOMATION: "bg-sky-500",
  AGENT_ASSIST: "bg-violet-500",
};
const kind: Record<StageType, string> = { HUMAN: "human", AUTOMATION: "automation", AGENT_ASSIST: "agent assist" };

/** A workflow's stages as a compact left-to-right pipeline: the preview of a template. */
export function StagePipeline({ stages }: { stages: { name: string; type: StageType }[] }) {
  return (
    <ol className="flex flex-wrap items-center gap-1 text-xs" aria-label="Stages" data-testid="stage-pipeline">
      {stages.map((s, i) => (
        <li key={`${i}-${s.name}`} className="flex items-center gap-1">
          {i > 0 ? <span aria-hidden className="text-slate-300">→</span> : null}
          <span className="inline-flex items-center gap-1.5 rounded-full bg-slate-50 px-2 py-0.5 text-slate-700 ring-1 ring-slate-200">
            <span className={`h-1.5 w-1.5 rounded-full ${dot[s.type]}`} aria-hidden />
            {s.name}
            <span className="sr-only"> ({kind[s.type]})</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
