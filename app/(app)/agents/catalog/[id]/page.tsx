import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { AgentForm } from "@/components/catalog/agent-form";
import { AgentSummary } from "@/components/catalog/agent-summary";
import { ArchiveAgentButton } from "@/components/catalog/archive-agent-button";
import { KindBadge } from "@/components/catalog/kind-badge";
import { OwnerBadge } from "@/components/catalog/owner-badge";
import { VersionHistory } from "@/components/catalog/version-history";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import { atLeast } from "@/lib/auth/permissions";
import { getActor, requireActor } from "@/lib/auth/session";
import { listAgentVersions, listAgents } from "@/lib/catalog/agents";
import { orNotFound } from "@/lib/pages";

type Props = { params: Promise<{ id: string }> };

// Metadata and page share one load per request.
const load = cache(async (id: string) => {
  const actor = await requireActor();
  const db = await getDb();
  const { agent, versions } = await orNotFound(listAgentVersions(db, actor, id));
  const all = await listAgents(db, actor);
  return { agent, versions, all };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await getActor())) return {};
  return { title: (await load((await params).id)).agent.name };
}

export default async function AgentPage({ params }: Props) {
  const { agent, versions, all } = await load((await params).id);
  const canWrite = atLeast(agent.level, "WRITE");
  const archived = agent.archivedAt !== null;
  const others = all.filter((a) => a.id !== agent.id).map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="space-y-2">
        <Link href="/agents/catalog" className="text-sm text-slate-500 hover:text-slate-900">
          ← Agent catalog
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="agent-name">
            {agent.name}
          </h1>
          <KindBadge kind={agent.kind} />
          <span className="text-sm tabular-nums text-slate-500" data-testid="agent-current-version">
            v{agent.version}
          </span>
          <OwnerBadge owner={agent} />
          {archived ? <Badge tone="slate">Archived</Badge> : null}
          {canWrite ? (
            <div className="ml-auto">
              <ArchiveAgentButton agentId={agent.id} name={agent.name} archived={archived} />
            </div>
          ) : null}
        </div>
        {agent.description ? <p className="max-w-3xl text-sm text-slate-600">{agent.description}</p> : null}
        {archived ? (
          <p className="max-w-3xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-inset ring-amber-200" data-testid="agent-archived-note">
            Archived: it is hidden from the catalog and cannot be bound to a role. Workflows that still bind it fail that role&apos;s runs until they bind
            another agent or you restore it.
          </p>
        ) : null}
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-3">
          {canWrite ? (
            <AgentForm
              mode="edit"
              agent={{ id: agent.id, version: agent.version, name: agent.name, description: agent.description, capabilities: agent.capabilities, config: agent.config }}
              others={others}
            />
          ) : (
            <>
              <p className="text-sm text-slate-500">You can use this agent; changing it needs write access to its owner&apos;s workflows.</p>
              <AgentSummary capabilities={agent.capabilities} config={agent.config} agentNames={Object.fromEntries(all.map((a) => [a.id, a.name]))} />
            </>
          )}
        </div>
        <VersionHistory versions={versions} current={agent.version} />
      </div>
    </div>
  );
}
