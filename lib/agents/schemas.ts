import { z } from "zod";

/** Inputs of the orchestrator's verbs, shared by the REST API and the agent page. */

const sessionId = z.string().uuid("That is not a session id.").nullish();
const repo = z.string().trim().min(1, "Name the repository (a path under the allowed roots).").max(1000).optional();
const goal = z.string().trim().min(1, "Say what you want done.").max(8000, "Keep the goal under 8,000 characters.");
const paths = z.array(z.string().min(1).max(1000)).max(200, "Ask for at most 200 paths.").optional();
const diffBase = z.string().trim().min(1).max(200).optional();
const budgetTokens = z.coerce.number().int("The budget is a whole number of tokens.").min(500, "Give a budget of at least 500 tokens.").max(200_000, "Keep the budget under 200,000 tokens.").optional();

export const routeInput = z.object({
  /** What the person wants, in their words. `intent` is accepted as another name for it. */
  goal: goal.optional(),
  intent: goal.optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  model_hint: z.string().trim().max(200).nullish(),
  session_id: sessionId,
}).refine((v) => v.goal || v.intent, { message: "Say what you want done (goal).", path: ["goal"] });

export const contextInput = z.object({ repo, session_id: sessionId, paths, diff_base: diffBase, budget_tokens: budgetTokens });

export const planInput = z.object({ goal, repo, session_id: sessionId, paths, diff_base: diffBase, budget_tokens: budgetTokens, model_hint: z.string().trim().max(200).nullish() });

export const applyInput = z.object({
  patch: z.string().min(1, "Send the patch to apply (a unified diff).").max(1024 * 1024, "A patch must be under 1 MB."),
  repo,
  session_id: sessionId,
  branch: z.string().trim().min(1).max(200).optional(),
  message: z.string().trim().min(1).max(2000).optional(),
});

export type RouteInput = z.infer<typeof routeInput>;
export type ContextInput = z.infer<typeof contextInput>;
export type PlanInput = z.infer<typeof planInput>;
export type ApplyInput = z.infer<typeof applyInput>;
