import Link from "next/link";
import type { SessionView } from "@/lib/agents/session-views";
import { formatAge } from "@/lib/format";
import { SessionRowActions } from "./session-row-actions";

const ago = (ms: number) => (ms < 60_000 ? "just now" : `${formatAge(ms)} ago`);

function SessionRow({ session, active, now }: { session: SessionView; active: boolean; now: number }) {
  return (
    <li
      className={`rounded-lg px-3 py-2 ring-1 ${active ? "bg-indigo-50 ring-indigo-300" : "bg-white ring-slate-200 hover:ring-slate-300"}`}
      data-testid="session-row"
      data-status={session.status}
      data-active={active || undefined}
    >
      <Link href={`/agent?session=${session.id}`} aria-current={active ? "page" : undefined} className="block min-w-0">
        <span className={`block truncate text-sm font-medium ${session.status === "closed" ? "text-slate-500" : "text-slate-900"}`}>{session.title}</span>
        <span className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
          <span className="truncate font-mono">{session.repo}</span>
          {session.workItemId ? <span className="shrink-0">· item</span> : null}
          <span className="ml-auto shrink-0 tabular-nums" title={session.lastActivityAt}>
            {ago(now - Date.parse(session.lastActivityAt))}
          </span>
        </span>
      </Link>
      <div className="mt-1 flex justify-end">
        <SessionRowActions id={session.id} title={session.title} status={session.status} active={active} />
      </div>
    </li>
  );
}

function SessionGroup({ label, sessions, activeId, now }: { label: string; sessions: SessionView[]; activeId: string | null; now: number }) {
  if (!sessions.length) return null;
  return (
    <div>
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
      <ul className="space-y-2" data-testid={`sessions-${label.toLowerCase()}`}>
        {sessions.map((s) => (
          <SessionRow key={s.id} session={s} active={s.id === activeId} now={now} />
        ))}
      </ul>
    </div>
  );
}

/** The person's sessions: open ones first, then closed ones; the active one highlighted. */
export function SessionList({ sessions, activeId }: { sessions: SessionView[]; activeId: string | null }) {
  const now = Date.now();
  if (!sessions.length) return <p className="text-sm text-slate-500">No sessions yet. Open one on a repository to start.</p>;
  return (
    <div className="space-y-4">
      <SessionGroup label="Open" sessions={sessions.filter((s) => s.status === "open")} activeId={activeId} now={now} />
      <SessionGroup label="Closed" sessions={sessions.filter((s) => s.status === "closed")} activeId={activeId} now={now} />
    </div>
  );
}
