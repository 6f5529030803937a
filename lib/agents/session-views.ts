import type { AgentSession } from "@/db/schema";
import { repoLabel } from "./repo-label";
import type { RouteAnswer } from "./run-plan";
import { type BundleFile, type ContextBundle, type DiffFile, type Intent, type Plan, type SessionMessage, planSchema } from "./types";

/**
 * What the agent page shows of sessions and of the orchestrator's answers: plain, serializable, with
 * repositories named relative to their allowed root and without file contents (the browser needs counts).
 */

export type SessionView = {
  id: string;
  title: string;
  repo: string;
  workItemId: string | null;
  status: "open" | "closed";
  lastActivityAt: string;
  closedAt: string | null;
};

/** A session's current plan as the console shows it; null when it has none or it is not a valid plan. */
export type CurrentPlanView = { plan: Plan; patch: string | null; engine: string | null; model: string | null; intent: Intent | null };

export type ContextSummary = {
  repo: string;
  focus: string;
  head: string | null;
  branch: string | null;
  files: { path: string; tokens: number; reason: BundleFile["reason"]; truncated: boolean }[];
  diff: { base: string; files: DiffFile[]; truncated: boolean } | null;
  treeTotal: number;
  budget: { tokens: number; used: number };
};

export type PlanAnswerView = {
  repo: string;
  focus: string;
  intent: Intent;
  engine: string;
  model: string | null;
  plan: Plan;
  patch: string | null;
  notes: string[];
  usage: { inputTokens: number; outputTokens: number };
  latencyMs: number;
  baseCommit: string | null;
  route: RouteAnswer;
};

export type ApplyAnswerView = { repo: string; branch: string; base: string; commit: string; files: string[] };

/** The console's last answer, by verb. */
export type ConsoleAnswer =
  | { verb: "route"; data: RouteAnswer }
  | { verb: "context"; data: ContextSummary }
  | { verb: "plan"; data: PlanAnswerView }
  | { verb: "apply"; data: ApplyAnswerView };

export type { SessionMessage };

/** A session for the page's list. */
export function sessionView(s: AgentSession): SessionView {
  return {
    id: s.id,
    title: s.title,
    repo: repoLabel(s.repoRoot),
    workItemId: s.workItemId,
    status: s.status,
    lastActivityAt: s.lastActivityAt.toISOString(),
    closedAt: s.closedAt?.toISOString() ?? null,
  };
}

/** The session's stored plan, read defensively: it is whatever the orchestrator or an editor last kept. */
export function currentPlanView(stored: unknown): CurrentPlanView | null {
  const parsed = planSchema.safeParse(stored);
  if (!parsed.success) return null;
  const extra = stored as { patch?: unknown; engine?: unknown; model?: unknown; intent?: unknown };
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  return { plan: parsed.data, patch: text(extra.patch), engine: text(extra.engine), model: text(extra.model), intent: text(extra.intent) as Intent | null };
}

/** A context bundle without file contents or the diff text: what was chosen and what it cost. */
export function contextSummary(bundle: ContextBundle): ContextSummary {
  return {
    repo: repoLabel(bundle.repoRoot),
    focus: bundle.focus,
    head: bundle.head,
    branch: bundle.branch,
    files: bundle.files.map((f) => ({ path: f.path, tokens: f.tokens, reason: f.reason, truncated: f.truncated })),
    diff: bundle.diff ? { base: bundle.diff.base, files: bundle.diff.files, truncated: bundle.diff.truncated } : null,
    treeTotal: bundle.treeTotal,
    budget: bundle.budget,
  };
}
