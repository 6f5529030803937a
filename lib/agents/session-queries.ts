import "server-only";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { repoLabel } from "./repo-label";
import { allowedRoots } from "./repo-paths";
import { getSession, listSessions, recentMessages } from "./sessions";
import { type CurrentPlanView, type SessionMessage, type SessionView, currentPlanView, sessionView } from "./session-views";

const MESSAGES = 50;
const SUGGESTIONS = 50;

export type ActiveSession = { session: SessionView; currentPlan: CurrentPlanView | null; messages: SessionMessage[] };

export type AgentPageData = {
  /** Open sessions first, then closed ones; each by latest activity. */
  sessions: SessionView[];
  /** The session named in the URL, when it is the actor's; `missing` when the URL names one that is not. */
  active: ActiveSession | null;
  missing: boolean;
  /** The allowed roots (server paths, shown to signed-in users of this self-hosted tool) and git repositories directly under them. */
  roots: string[];
  repoSuggestions: string[];
};

/** Git repositories one level under the roots (and the roots themselves), as names the form accepts. */
function repositoriesUnder(roots: string[]): string[] {
  const found: string[] = [];
  for (const root of roots) {
    if (existsSync(path.join(root, ".git"))) found.push(repoLabel(root, roots));
    let entries: string[] = [];
    try {
      entries = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
    } catch {
      continue; // an unreadable root lists nothing; resolving a path in it will say why
    }
    for (const name of entries.sort()) if (existsSync(path.join(root, name, ".git"))) found.push(repoLabel(path.join(root, name), roots));
    if (found.length >= SUGGESTIONS) break;
  }
  return [...new Set(found)].slice(0, SUGGESTIONS);
}

/** The agent page's read model: the actor's sessions, the active one with its plan and messages, and the roots. */
export async function agentPageData({ db, actor, activeId }: { db: Db; actor: Actor; activeId: string | null }): Promise<AgentPageData> {
  const rows = await listSessions(db, actor, { status: "all", limit: 200 });
  const sessions = [...rows.filter((s) => s.status === "open"), ...rows.filter((s) => s.status !== "open")].map(sessionView);
  let active: ActiveSession | null = null;
  let missing = false;
  if (activeId) {
    try {
      const session = await getSession(db, actor, activeId);
      active = { session: sessionView(session), currentPlan: currentPlanView(session.currentPlan), messages: await recentMessages(db, session.id, MESSAGES) };
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
      missing = true;
    }
  }
  const roots = allowedRoots();
  return { sessions, active, missing, roots, repoSuggestions: repositoriesUnder(roots) };
}
