import type { Metadata } from "next";
import Link from "next/link";
import { AgentConsole } from "@/components/agent/agent-console";
import { MessageHistory } from "@/components/agent/message-history";
import { NewSessionForm } from "@/components/agent/new-session-form";
import { SessionList } from "@/components/agent/session-list";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import { agentPageData } from "@/lib/agents/session-queries";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Agent" };

type Props = { searchParams: Promise<{ session?: string | string[] }> };

export default async function AgentPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { session } = await searchParams;
  const activeId = typeof session === "string" && session ? session : null;
  const data = await agentPageData({ db: await getDb(), actor, activeId });
  const active = data.active;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <aside className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="font-semibold">
          Sessions
        </h2>
        <NewSessionForm roots={data.roots} suggestions={data.repoSuggestions} startOpen={data.sessions.length === 0} />
        <SessionList sessions={data.sessions} activeId={active?.session.id ?? null} />
      </aside>
      <div className="min-w-0 space-y-4">
        {active ? (
          <>
            <div>
              <div className="flex flex-wrap items-center gap-2">
                <h1 className="text-2xl font-semibold tracking-tight" data-testid="active-session-title">
                  {active.session.title}
                </h1>
                <Badge tone={active.session.status === "open" ? "emerald" : "slate"}>{active.session.status}</Badge>
              </div>
              <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-500">
                <span>
                  Repository <code className="font-mono text-slate-700">{active.session.repo}</code>
                </span>
                {active.session.workItemId ? (
                  <Link href={`/items/${active.session.workItemId}`} className="font-medium text-indigo-600 hover:text-indigo-500">
                    Work item
                  </Link>
                ) : null}
              </p>
            </div>
            <AgentConsole key={active.session.id} session={active.session} currentPlan={active.currentPlan} />
            <MessageHistory messages={active.messages} />
          </>
        ) : (
          <div className="rounded-xl border border-dashed border-slate-300 p-10 text-center" data-testid="agent-empty">
            <h1 className="text-lg font-semibold">Agent</h1>
            <p className="mt-1 text-sm text-slate-500">
              {data.missing
                ? "That session was not found. It may have been deleted; choose another or open a new one."
                : "Choose a session on the left, or open a new one on a repository, to route goals, read context, plan and apply patches."}
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
