import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { AgentSession } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { type Level, type Permission, ROLE_GRANTS, atLeast, maxLevel } from "@/lib/auth/permissions";
import { appendAudit } from "@/lib/audit/log";
import { Forbidden, Invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireItem } from "@/lib/work-items/access";
import { resolveSecret } from "@/lib/secrets/store";
import { applyPatch } from "./apply";
import { itemAbout } from "./goal";
import { LLM_KEY_SECRET, announceApply } from "./assist";
import { buildContext } from "./context";
import { recordCall, recordOutcome } from "./learning";
import { resolveRepo } from "./repo-paths";
import { runPlan, routeGoal } from "./run-plan";
import { applyInput, contextInput, planInput, routeInput } from "./schemas";
import type { SessionMessage } from "./types";
import { getSession, recentMessages, touchSession } from "./sessions";

/**
 * The orchestrator's verbs for people and programs: route, context, plan and apply, each checked against
 * the actor's `code.use` / `code.edit`, optionally inside one of the actor's own sessions (whose repository,
 * messages and plan carry over), recorded as calls and in the audit log.
 */

/** The actor's highest level on a permission in any of their teams or instance-wide. */
export function bestLevel(actor: Actor, permission: Permission): Level {
  if (actor.isAdmin) return "ADMIN";
  let level: Level = "NONE";
  for (const m of actor.memberships) level = maxLevel(level, ROLE_GRANTS[m.role][permission]);
  for (const g of actor.grants) {
    if (g.permission !== permission) continue;
    if (g.teamId === null || actor.memberships.some((m) => m.teamId === g.teamId)) level = maxLevel(level, g.level);
  }
  return level;
}

function requirePermission(actor: Actor, permission: Permission, what: string) {
  if (!atLeast(bestLevel(actor, permission), "WRITE")) {
    throw new Forbidden(`${what} needs the ${permission} permission (WRITE). Ask a team admin to grant it.`);
  }
}

/** The session named by the input (the actor's own and open), or null when none was named. */
async function sessionOf(db: Db, actor: Actor, id: string | null | undefined): Promise<AgentSession | null> {
  if (!id) return null;
  const session = await getSession(db, actor, id);
  if (session.status !== "open") await touchSession(db, actor, id, {}); // throws the closed-session message
  return session;
}

/**
 * What a session brings to a bundle: its attached item (if the actor can still read it: access is checked
 * again each time) as the first message, then its recent messages.
 */
async function sessionContext(db: Db, actor: Actor, session: AgentSession): Promise<SessionMessage[]> {
  const messages = await recentMessages(db, session.id);
  if (!session.workItemId) return messages;
  const item = await requireItem(db, actor, session.workItemId, "READ").catch(() => null);
  if (!item) return messages;
  return [{ role: "user", verb: "item", content: itemAbout(item.item), at: item.item.updatedAt.toISOString() }, ...messages];
}

/** What an apply inside a session with an item is about, for its `agent.apply.*` event. */
const aboutItem = (item: { id: string; workflowId: string; stageId: string }, sessionId: string) => ({
  eventId: randomUUID(),
  workflowId: item.workflowId,
  workItemId: item.id,
  stageId: item.stageId,
  sessionId,
});

function repoOf(input: { repo?: string }, session: AgentSession | null): string {
  const repo = input.repo ?? session?.repoRoot;
  if (!repo) throw new Invalid("Name the repository (repo), or work inside a session that has one.", { repo: ["Required without a session."] });
  return repo;
}

const audit = (db: Db, actor: Actor, action: string, details: Record<string, unknown>, outcome: "success" | "failure" = "success") =>
  appendAudit(db, { actorId: actor.userId, action, targetType: "agent_session", targetId: (details.sessionId as string | undefined) ?? undefined, outcome, requestId: actor.requestId, details });

/** Classifies a request and suggests an engine and model, from this user's record with each. */
export async function agentRoute(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(routeInput, input);
  requirePermission(actor, "code.use", "Asking the agent");
  const session = await sessionOf(db, actor, data.session_id);
  const goal = (data.goal ?? data.intent)!;
  const answer = await routeGoal(db, { userId: actor.userId, goal, hint: data.model_hint });
  if (session) {
    await touchSession(db, actor, session.id, {
      messages: [
        { role: "user", verb: "route", content: goal },
        { role: "agent", verb: "route", content: `${answer.intent} → ${answer.engine}${answer.model ? ` (${answer.model})` : ""}: ${answer.reason}` },
      ],
    });
  }
  await audit(db, actor, "agent.route", { sessionId: session?.id, intent: answer.intent, engine: answer.engine });
  return answer;
}

/** Builds a context bundle of a repository under the allowed roots. */
export async function agentContext(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(contextInput, input);
  requirePermission(actor, "code.use", "Reading a repository's context");
  const session = await sessionOf(db, actor, data.session_id);
  const { repoRoot, focus } = await resolveRepo(repoOf(data, session));
  const started = performance.now();
  const bundle = await buildContext(repoRoot, {
    focus,
    paths: data.paths,
    diffBase: data.diff_base,
    budgetTokens: data.budget_tokens,
    messages: session ? await sessionContext(db, actor, session) : undefined,
  });
  await recordCall(db, { userId: actor.userId, sessionId: session?.id ?? null, verb: "context", engine: "context", model: null, inputTokens: 0, outputTokens: bundle.budget.used, latencyMs: Math.round(performance.now() - started), ok: true });
  if (session) await touchSession(db, actor, session.id, { messages: [{ role: "user", verb: "context", content: `Context of ${focus === "." ? "the whole repository" : focus}: ${bundle.files.length} file${bundle.files.length === 1 ? "" : "s"}, ${bundle.budget.used} tokens` }] });
  await audit(db, actor, "agent.context", { sessionId: session?.id, repoRoot, files: bundle.files.length, tokens: bundle.budget.used });
  return bundle;
}

/** Asks the routed engine for a plan (and maybe a patch); a session keeps it as its current plan. */
export async function agentPlan(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(planInput, input);
  requirePermission(actor, "code.use", "Asking the agent for a plan");
  const session = await sessionOf(db, actor, data.session_id);
  const answer = await runPlan(db, {
    userId: actor.userId,
    sessionId: session?.id,
    target: repoOf(data, session),
    goal: data.goal,
    modelHint: data.model_hint,
    paths: data.paths,
    diffBase: data.diff_base,
    budgetTokens: data.budget_tokens,
    messages: session ? await sessionContext(db, actor, session) : undefined,
    // A person's own stored model key wins over the instance's.
    apiKey: await resolveSecret(db, { userId: actor.userId, teamId: null }, LLM_KEY_SECRET),
  });
  const { bundle: _bundle, ...result } = answer;
  if (session) {
    await touchSession(db, actor, session.id, {
      plan: { ...result.plan, patch: result.patch, engine: result.engine, model: result.model, intent: result.intent },
      messages: [
        { role: "user", verb: "plan", content: data.goal },
        { role: "agent", verb: "plan", content: result.plan.summary },
      ],
    });
  }
  await audit(db, actor, "agent.plan", { sessionId: session?.id, repoRoot: result.repoRoot, engine: result.engine, model: result.model, steps: result.plan.steps.length, patch: Boolean(result.patch) });
  return result;
}

/**
 * Applies a patch on a new branch of a repository under the allowed roots (`code.edit`). A session with an
 * item announces the result to that item's workflow (`agent.apply.success|failure`) for triggers.
 */
export async function agentApply(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(applyInput, input);
  requirePermission(actor, "code.edit", "Applying a patch");
  const session = await sessionOf(db, actor, data.session_id);
  const { repoRoot } = await resolveRepo(repoOf(data, session));
  const item = session?.workItemId ? await requireItem(db, actor, session.workItemId, "READ").catch(() => null) : null;
  const started = performance.now();
  let result;
  try {
    result = await applyPatch(data.patch, repoRoot, { branch: data.branch, message: data.message, author: { name: actor.name, email: actor.email } });
  } catch (err) {
    const error = (err as Error).message;
    await db.transaction(async (tx) => {
      await recordCall(tx, { userId: actor.userId, sessionId: session?.id ?? null, verb: "apply", engine: "git", model: null, inputTokens: 0, outputTokens: 0, latencyMs: Math.round(performance.now() - started), ok: false, error });
      await recordOutcome(tx, { userId: actor.userId, intent: "apply", engine: "git", kind: "apply_failure" });
      await audit(tx, actor, "agent.apply", { sessionId: session?.id, repoRoot, error }, "failure");
      if (item) await announceApply(tx, { ok: false, error }, aboutItem(item.item, session!.id));
    });
    throw err;
  }
  await db.transaction(async (tx) => {
    await recordCall(tx, { userId: actor.userId, sessionId: session?.id ?? null, verb: "apply", engine: "git", model: null, inputTokens: 0, outputTokens: 0, latencyMs: Math.round(performance.now() - started), ok: true });
    await recordOutcome(tx, { userId: actor.userId, intent: "apply", engine: "git", kind: "apply_success" });
    await audit(tx, actor, "agent.apply", { sessionId: session?.id, repoRoot, branch: result.branch, commit: result.commit, files: result.files });
    if (item) await announceApply(tx, { ok: true, branch: result.branch, commit: result.commit, files: result.files }, aboutItem(item.item, session!.id));
  });
  if (session) await touchSession(db, actor, session.id, { messages: [{ role: "agent", verb: "apply", content: `Applied on ${result.branch} as ${result.commit.slice(0, 12)}: ${result.files.join(", ")}` }] });
  return { repoRoot, ...result };
}
