import type { Metadata } from "next";
import Link from "next/link";
import { AgentForm } from "@/components/catalog/agent-form";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { listAgents } from "@/lib/catalog/agents";
import { writableTeams } from "@/lib/workflows/queries";

export const metadata: Metadata = { title: "New agent" };

export default async function NewAgentPage() {
  const actor = await requireActor();
  const teams = writableTeams(actor);
  const others = (await listAgents(await getDb(), actor)).map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
  // Agents serve a team's workflows, so a team is the first choice for whoever has one.
  const owner = { teams, canGlobal: actor.isAdmin, visibility: teams.length ? ("team" as const) : ("personal" as const), teamId: teams[0]?.id ?? "" };
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <Link href="/agents/catalog" className="text-sm text-slate-500 hover:text-slate-900">
          ← Agent catalog
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">New agent</h1>
        <p className="text-sm text-slate-600">
          Define it once; bind it to roles on a workflow&apos;s Agents page. Each later edit saves a new version.
        </p>
      </div>
      <AgentForm mode="create" owner={owner} others={others} />
    </div>
  );
}
