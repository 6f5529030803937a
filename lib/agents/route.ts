import type { Intent } from "./types";
import { itemPart } from "./goal";

/**
 * Routing: what kind of request a goal is, and which engine should answer it. Pure and deterministic, so
 * the same goal and the same record always route the same way (and a reviewer can be told why).
 */

type Pattern = { re: RegExp; weight: number };

// Word stems with the endings people actually type ("fixes", "crashing", "tests"). Feature words weigh
// half: "add" appears in many requests of other kinds ("add tests for x", "add a comment"), so any
// specific signal should outweigh it.
const word = (stem: string, endings = "") => new RegExp(`\\b${stem}${endings ? `(?:${endings})?` : ""}\\b`, "gi");

const PATTERNS: Record<Exclude<Intent, "question">, Pattern[]> = {
  fix: [
    word("bug", "s|gy"),
    word("fix", "es|ed|ing"),
    word("error", "s"),
    word("crash", "es|ed|ing"),
    word("broken"),
    word("fail", "s|ed|ing|ure|ures"),
    word("regression", "s"),
    word("exception", "s"),
  ].map((re) => ({ re, weight: 1 })),
  test: [word("test", "s|ed|ing"), word("coverage"), word("spec", "s"), word("e2e")].map((re) => ({ re, weight: 1 })),
  docs: [word("readme"), word("document", "s|ed|ing|ation"), word("docs?"), word("comment", "s|ed|ing"), word("jsdoc"), word("changelog")].map(
    (re) => ({ re, weight: 1 }),
  ),
  refactor: [
    word("refactor", "s|ed|ing"),
    word("renam", "e|es|ed|ing"),
    word("extract", "s|ed|ing"),
    word("clean(?:s|ed|ing)? up"),
    word("cleanup"),
    word("simplif", "y|ies|ied|ying"),
    word("mov", "e|es|ed|ing"),
    word("split", "s|ting"),
    word("dedupe"),
  ].map((re) => ({ re, weight: 1 })),
  review: [word("review", "s|ed|ing"), word("audit", "s|ed|ing"), word("check", "s|ed|ing"), word("look(?:s|ing)? over"), word("inspect", "s|ed|ing")].map(
    (re) => ({ re, weight: 1 }),
  ),
  feature: [word("add", "s|ed|ing"), word("implement", "s|ed|ing"), word("support", "s|ed|ing"), word("creat", "e|es|ed|ing"), word("new"), word("build")].map(
    (re) => ({ re, weight: 0.5 }),
  ),
};

const QUESTION_START = /^\s*(how|what|why|where|when|which|who)\b/i;

// Ties go to the more specific intent; feature is last because it is also the default.
const TIE_ORDER: Intent[] = ["fix", "test", "docs", "refactor", "review", "question", "feature"];

/**
 * Scores a goal against keyword lists and says which intent it most likely is, how sure, and why. An
 * agent-assist goal is judged by its work item when that says anything, its stage prompt otherwise.
 */
export function classifyIntent(goal: string): { intent: Intent; confidence: number; signals: string[] } {
  const item = itemPart(goal);
  if (item) {
    const byItem = scoreIntent(item);
    if (byItem.signals.length) return byItem;
  }
  return scoreIntent(goal);
}

function scoreIntent(goal: string): { intent: Intent; confidence: number; signals: string[] } {
  const scores = new Map<Intent, number>(TIE_ORDER.map((i) => [i, 0]));
  const found: { at: number; signal: string }[] = [];
  const add = (intent: Intent, weight: number, signal: string, at: number) => {
    scores.set(intent, (scores.get(intent) ?? 0) + weight);
    found.push({ at, signal });
  };

  for (const [intent, patterns] of Object.entries(PATTERNS) as [Intent, Pattern[]][]) {
    for (const { re, weight } of patterns) {
      for (const m of goal.matchAll(re)) add(intent, weight, m[0].toLowerCase(), m.index);
    }
  }
  // A question asks for an explanation, so an interrogative opening outweighs one fix word in
  // "why does the build fail?"; a trailing "?" alone does not ("can you fix the crash?").
  const start = goal.match(QUESTION_START);
  if (start) add("question", 2, start[1]!.toLowerCase(), 0);
  if (goal.trim().endsWith("?")) add("question", 1, "?", goal.length);
  // In the order they appear in the goal, each once.
  const signals = [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.signal))];

  const ranked = TIE_ORDER.map((intent) => ({ intent, score: scores.get(intent) ?? 0 })).sort((a, b) => b.score - a.score);
  const top = ranked[0]!;
  if (top.score === 0) return { intent: "feature", confidence: 0.2, signals: [] };

  const total = ranked.reduce((sum, r) => sum + r.score, 0);
  // Sure when the winner has most of the evidence (share) and there is enough of it (two full signals).
  const confidence = 0.3 + 0.65 * (top.score / total) * Math.min(1, top.score / 2);
  return { intent: top.intent, confidence: Math.round(confidence * 100) / 100, signals };
}

export type EngineStats = { engine: string; samples: number; successes: number };

type Available = { engine: string; model: string | null };

/** Laplace-smoothed success rate: an engine with few samples is pulled towards one half. */
const rate = (s: EngineStats) => (s.successes + 1) / (s.samples + 2);

/**
 * Picks the engine for a request: a hint naming an available engine or model wins; then the best
 * reviewed record for this intent once two engines have enough samples to compare; else the default
 * (the first available). `stats` are the outcomes for this intent.
 */
export function chooseEngine(args: {
  intent: Intent;
  available: Available[];
  stats: EngineStats[];
  hint?: string | null;
  minSamples?: number;
}): { engine: string; model: string | null; reason: string } {
  const { intent, available, stats } = args;
  const minSamples = args.minSamples ?? 5;
  const fallback = available[0];
  if (!fallback) throw new Error("No agent engine is available.");

  const hint = args.hint?.trim().toLowerCase();
  let hintNote = "";
  if (hint) {
    const byEngine = available.find((a) => a.engine.toLowerCase() === hint);
    if (byEngine) return { ...byEngine, reason: `The hint "${args.hint!.trim()}" names the ${byEngine.engine} engine.` };
    const byModel = available.find((a) => a.model !== null && a.model.toLowerCase() === hint);
    if (byModel) return { ...byModel, reason: `The hint "${args.hint!.trim()}" names the model of the ${byModel.engine} engine.` };
    hintNote = ` The hint "${args.hint!.trim()}" names no available engine or model.`;
  }

  // Only a comparison earns a switch: with one engine on record, the default would never gather samples
  // of its own once another engine had some (a newly configured model would be starved by builtin).
  const qualified = available
    .map((a, order) => ({ a, order, s: stats.find((s) => s.engine === a.engine) }))
    .filter((q): q is { a: Available; order: number; s: EngineStats } => !!q.s && q.s.samples >= minSamples)
    .sort((x, y) => rate(y.s) - rate(x.s) || x.order - y.order);
  if (qualified.length >= 2) {
    const [best, ...rest] = qualified;
    const others = rest.map((q) => `${q.a.engine} ${q.s.successes} of ${q.s.samples}`).join(", ");
    return {
      ...best!.a,
      reason: `${best!.a.engine} accepted ${best!.s.successes} of ${best!.s.samples} times for ${intent} requests (${others}).${hintNote}`,
    };
  }
  return {
    ...fallback,
    reason: `${fallback.engine} is the default: fewer than two engines have ${minSamples} reviewed ${intent} requests to compare.${hintNote}`,
  };
}
