import type { Db } from "@/db/client";
import { buildContext, emptyBundle } from "./context";
import { availableEngines, engineFor, llmSettings } from "./engines";
import { engineStats, recordCall } from "./learning";
import { resolveRepo } from "./repo-paths";
import { chooseEngine, classifyIntent } from "./route";
import { goalTerms } from "./terms";
import type { ContextBundle, EngineResult, Intent, SessionMessage } from "./types";

export type RouteAnswer = { intent: Intent; confidence: number; signals: string[]; engine: string; model: string | null; reason: string };

/** Classifies a goal and picks the engine for it, preferring what has worked for this user (learning). */
export async function routeGoal(db: Db, args: { userId: string | null; goal: string; hint?: string | null }): Promise<RouteAnswer> {
  const { intent, confidence, signals } = classifyIntent(args.goal);
  const stats = await engineStats(db, { userId: args.userId, intent });
  const choice = chooseEngine({ intent, available: availableEngines(llmSettings()), stats, hint: args.hint });
  return { intent, confidence, signals, ...choice };
}

export type PlanArgs = {
  userId: string | null;
  sessionId?: string | null;
  recommendationId?: string | null;
  /** A repository path under the allowed roots (the part inside the repository is the focus); "" for none. */
  target: string;
  goal: string;
  modelHint?: string | null;
  paths?: string[];
  diffBase?: string;
  budgetTokens?: number;
  messages?: SessionMessage[];
  signal?: AbortSignal;
  /** A stored model key (the `LLM_API_KEY` secret) that replaces the environment's. */
  apiKey?: string | null;
};

export type PlanAnswer = EngineResult & { repoRoot: string; focus: string; intent: Intent; baseCommit: string | null; route: RouteAnswer; bundle: ContextBundle };

/**
 * The orchestrator's main path, shared by the API, the agent page and agent-assist stages: resolve the
 * repository, route the goal, build the context bundle, ask the engine, and record the call (tokens,
 * latency, success) whatever happens.
 */
export async function runPlan(db: Db, args: PlanArgs): Promise<PlanAnswer> {
  const { repoRoot, focus } = args.target.trim() ? await resolveRepo(args.target) : { repoRoot: "", focus: "." };
  const route = await routeGoal(db, { userId: args.userId, goal: args.goal, hint: args.modelHint });
  const bundle = repoRoot
    ? await buildContext(repoRoot, {
        focus,
        paths: args.paths,
        diffBase: args.diffBase,
        budgetTokens: args.budgetTokens,
        messages: args.messages,
        terms: goalTerms(args.goal),
      })
    : emptyBundle(args.messages, args.budgetTokens);
  const started = performance.now();
  const call = { userId: args.userId, sessionId: args.sessionId ?? null, recommendationId: args.recommendationId ?? null, verb: "plan" };
  try {
    const engine = engineFor(route.engine, llmSettings(), args.apiKey);
    const result = await engine.plan({ goal: args.goal, intent: route.intent, bundle, model: route.model, signal: args.signal });
    await recordCall(db, { ...call, engine: result.engine, model: result.model, ...result.usage, latencyMs: result.latencyMs, ok: true });
    return { ...result, repoRoot, focus, intent: route.intent, baseCommit: bundle.head, route, bundle };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started);
    await recordCall(db, { ...call, engine: route.engine, model: route.model, inputTokens: 0, outputTokens: 0, latencyMs, ok: false, error: (err as Error).message });
    throw err;
  }
}
