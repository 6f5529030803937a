import { z } from "zod";

/**
 * The orchestrator's shared vocabulary: context bundles, plans and engines. Pure: no database, no git.
 */

export const RISKS = ["low", "medium", "high"] as const;
export type Risk = (typeof RISKS)[number];

export const planStepSchema = z.object({
  title: z.string().trim().min(1, "A step needs a title.").max(200),
  description: z.string().max(4000).default(""),
  risk: z.enum(RISKS, { message: "Risk is one of low, medium or high." }),
  estimate_minutes: z.number().int("Estimates are whole minutes.").min(0).max(60 * 24 * 30),
  files: z.array(z.string().min(1)).max(200).default([]),
});

/** A plan as every engine must return it and as reviewers may edit it. */
export const planSchema = z.object({
  summary: z.string().trim().min(1, "A plan needs a summary.").max(4000),
  steps: z.array(planStepSchema).min(1, "A plan has at least one step.").max(50),
  risks: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
});
export type PlanStep = z.infer<typeof planStepSchema>;
export type Plan = z.infer<typeof planSchema>;

/** What kind of request a goal is; routing and the builtin engine decide by it. */
export const INTENTS = ["fix", "feature", "refactor", "test", "docs", "review", "question"] as const;
export type Intent = (typeof INTENTS)[number];

export type TreeEntry = { path: string; size: number };
export type DiffFile = { path: string; status: "added" | "modified" | "deleted" | "renamed"; additions: number; deletions: number; oldPath?: string };
export type BundleFile = { path: string; content: string; truncated: boolean; tokens: number; reason: "changed" | "requested" | "matched" | "related" };
export type SessionMessage = { role: "user" | "agent"; verb: string; content: string; at: string };

/** What an engine sees of a repository: cut to a token budget, biggest signals first. */
export type ContextBundle = {
  repoRoot: string;
  /** Repository-relative folder or file the request focuses on ("." for all). */
  focus: string;
  head: string | null;
  branch: string | null;
  tree: TreeEntry[];
  treeTotal: number;
  treeTruncated: boolean;
  diff: { base: string; text: string; files: DiffFile[]; truncated: boolean } | null;
  files: BundleFile[];
  messages: SessionMessage[];
  budget: { tokens: number; used: number };
};

export type Usage = { inputTokens: number; outputTokens: number };

/** An engine's answer to a goal: a validated plan, maybe a patch (unified diff, `git apply` ready). */
export type EngineResult = {
  engine: string;
  model: string | null;
  plan: Plan;
  patch: string | null;
  usage: Usage;
  latencyMs: number;
  /** What the engine could not do, said plainly (shown to reviewers). */
  notes: string[];
};

export type PlanRequest = { goal: string; intent: Intent; bundle: ContextBundle; model?: string | null; signal?: AbortSignal };

export interface AgentEngine {
  readonly name: string;
  plan(req: PlanRequest): Promise<EngineResult>;
}

/** Approximate tokens of a text (about four characters each), the unit budgets are kept in. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
