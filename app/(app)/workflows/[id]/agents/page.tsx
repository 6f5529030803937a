import type { Metadata } from "next";
import Link from "next/link";
import { AgentSpend } from "@/components/catalog/agent-spend";
import { RoleBindingList } from "@/components/catalog/role-binding-list";
import { getDb } from "@/db/client";
import { atLeast } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listRoleBindings } from "@/lib/catalog/bindings";
import { workflowSpend } from "@/lib/catalog/queries";
import { orNotFound } from "@/lib/pages";

export const metadata: Metadata = { title: "Agents" };

type Props = { params: Promise<{ id: string }> };

const DAYS = 30;

export default async function WorkflowAgentsPage({ params }: Props) {
  const actor = await requireActor();
  const db = await getDb();
  const { id } = await params;
  const since = new Date(Date.now() - DAYS * 86_400_000);
  const [{ workflow, roles }, spend] = await orNotFound(Promise.all([listRoleBindings(db, actor, id), workflowSpend(db, actor, id, since)]));
  const canWrite = atLeast(workflow.level, "WRITE");
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="space-y-2">
        <Link href={`/workflows/${workflow.id}`} className="text-sm text-slate-500 hover:text-slate-900">
          ← {workflow.name}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Agents</h1>
          <Link href="/agents/catalog" className="ml-auto text-sm text-indigo-600 hover:underline">
            Open the agent catalog
          </Link>
        </div>
        <p className="max-w-3xl text-sm text-slate-600">
          Each role of this workflow&apos;s task graphs is played by one agent from the catalog, which must have every capability the role needs. A run
          uses the agent&apos;s latest version when it starts and keeps it to the end. Roles without an agent use the builtin offline planner.
        </p>
        {!canWrite ? (
          <p className="text-sm text-slate-500" data-testid="agents-read-only">
            You can see which agents play this workflow&apos;s roles; choosing them needs write access.
          </p>
        ) : null}
      </div>
      <section className="space-y-3" aria-labelledby="roles-heading">
        <h2 id="roles-heading" className="font-semibold">
          {roles.length ? `${roles.length} role${roles.length === 1 ? "" : "s"}` : "Roles"}
        </h2>
        <RoleBindingList workflowId={workflow.id} roles={roles} canWrite={canWrite} />
      </section>
      <AgentSpend spend={spend} days={DAYS} />
    </div>
  );
}
