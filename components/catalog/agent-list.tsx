import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CapabilityChips, KindBadge } from "./kind-badge";
import { OwnerBadge } from "./owner-badge";

export type AgentRow = {
  id: string;
  name: string;
  description: string;
  kind: string;
  version: number;
  capabilities: string[];
  visibility: "personal" | "team" | "global";
  teamName: string | null;
  ownerName: string;
  archived: boolean;
};

/** The catalog's agents as a table: name and purpose, kind, latest version, capabilities, owner. */
export function AgentList({ agents }: { agents: AgentRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="agent-list">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              Agent
            </th>
            <th scope="col" className="w-24 px-4 py-2">
              Kind
            </th>
            <th scope="col" className="w-20 px-4 py-2">
              Version
            </th>
            <th scope="col" className="px-4 py-2">
              Capabilities
            </th>
            <th scope="col" className="w-56 px-4 py-2">
              Owner
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {agents.map((a) => (
            <tr key={a.id} data-testid="agent-row" data-agent-name={a.name} className={a.archived ? "bg-slate-50/60 text-slate-500" : "text-slate-700"}>
              <th scope="row" className="max-w-md px-4 py-3 text-left font-normal">
                <div className="flex items-center gap-2">
                  <Link href={`/agents/catalog/${a.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                    {a.name}
                  </Link>
                  {a.archived ? <Badge tone="slate">Archived</Badge> : null}
                </div>
                {a.description ? <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{a.description}</p> : null}
              </th>
              <td className="px-4 py-3">
                <KindBadge kind={a.kind} />
              </td>
              <td className="px-4 py-3 tabular-nums" data-testid="agent-version">
                v{a.version}
              </td>
              <td className="px-4 py-3">
                <CapabilityChips capabilities={a.capabilities} />
              </td>
              <td className="px-4 py-3">
                <OwnerBadge owner={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
