import type { Metadata } from "next";
import Link from "next/link";
import { AgentList } from "@/components/catalog/agent-list";
import { CatalogTabs } from "@/components/catalog/catalog-tabs";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { listAgents } from "@/lib/catalog/agents";

export const metadata: Metadata = { title: "Agent catalog" };

type Props = { searchParams: Promise<{ archived?: string }> };

export default async function AgentCatalogPage({ searchParams }: Props) {
  const actor = await requireActor();
  const archived = (await searchParams).archived === "1";
  const agents = await listAgents(await getDb(), actor, { archived });
  const rows = agents.map((a) => ({ ...a, archived: a.archivedAt !== null }));
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Agent catalog</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-500">
            Agents your teams define once and bind to the roles of their workflows&apos; task graphs. Every edit is a new version; a run keeps the version
            it started with.
          </p>
        </div>
        <div className="flex items-center gap-3">
          <CatalogTabs current="agents" />
          <Link
            href="/agents/catalog/new"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
            data-testid="new-agent-link"
          >
            New agent
          </Link>
        </div>
      </div>
      <div className="flex items-center justify-between text-sm">
        <span className="text-slate-500">
          {rows.length} agent{rows.length === 1 ? "" : "s"}
          {archived ? ", archived ones included" : ""}
        </span>
        <Link href={archived ? "/agents/catalog" : "/agents/catalog?archived=1"} className="font-medium text-indigo-600 hover:underline" data-testid="archived-toggle">
          {archived ? "Hide archived agents" : "Show archived agents"}
        </Link>
      </div>
      {rows.length ? (
        <AgentList agents={rows} />
      ) : (
        <div className="space-y-2 rounded-xl border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500" data-testid="no-agents">
          <p className="font-medium text-slate-700">No agents yet.</p>
          <p className="mx-auto max-w-xl">
            An agent is who does a task-graph role&apos;s work: a model with instructions and tools, your own agent service over HTTP, or the builtin
            planner. Give it capabilities (such as <code className="font-mono">code.review</code>), then bind it to a role on a workflow&apos;s Agents
            page. Roles without an agent use the builtin planner.
          </p>
        </div>
      )}
    </div>
  );
}
