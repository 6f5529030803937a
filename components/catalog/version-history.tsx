import { Timestamp } from "@/components/items/timestamp";
import { CapabilityChips } from "./kind-badge";

export type AgentVersionRow = { version: number; createdAt: Date; createdByName: string | null; capabilities: string[] };

/** An agent's versions, newest first: who saved each, when, and the capabilities it had. */
export function VersionHistory({ versions, current }: { versions: AgentVersionRow[]; current: number }) {
  return (
    <section className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby="versions-heading">
      <h2 id="versions-heading" className="font-semibold">
        Version history
      </h2>
      <ol className="space-y-3" data-testid="agent-versions">
        {versions.map((v) => (
          <li key={v.version} className="space-y-1 border-t border-slate-100 pt-3 text-sm first:border-0 first:pt-0" data-testid="agent-version-row">
            <div className="flex items-center gap-2">
              <span className="font-semibold tabular-nums">v{v.version}</span>
              {v.version === current ? <span className="text-xs text-emerald-700">current</span> : null}
              <span className="ml-auto text-xs text-slate-500">
                <Timestamp at={v.createdAt} />
              </span>
            </div>
            <p className="text-xs text-slate-500">by {v.createdByName ?? "a removed user"}</p>
            <CapabilityChips capabilities={v.capabilities} empty="no capabilities" />
          </li>
        ))}
      </ol>
    </section>
  );
}
