import type { Db } from "@/db/client";
import type { Workflow } from "@/db/schema";
import type { GuardrailResult } from "@/lib/agents/catalog/schemas";
import { ownerSecretValues } from "@/lib/secrets/store";
import { approvalRequired, blockReason, checkInput, checkOutput } from "./checks";
import { checksForTags } from "./resolve";

/**
 * Guardrails around an agent-assist proposal, from the stage's policy tags. The goal is checked before
 * the engine is asked (a block stops it); the plan and patch after (a block makes the proposal an error,
 * a flag is shown to reviewers). A person reviews every proposal anyway, so "needs approval" and flags
 * only keep auto-apply from applying it; `hold` says why.
 */
export async function assistGuardrails(db: Db, wf: Pick<Workflow, "ownerUserId" | "ownerTeamId" | "visibility">, tags: string[], goal: string) {
  const { checks } = await checksForTags(db, wf, tags);
  const secretValues = checks.length ? await ownerSecretValues(db, { userId: wf.ownerUserId, teamId: wf.ownerTeamId }) : [];
  const input = checkInput(checks, { input: { goal }, secretValues });
  const blocked = blockReason(input);
  if (blocked) throw Object.assign(new Error(blocked), { guardrails: input });
  const approval = approvalRequired(checks);
  return {
    hold: approval ? `${approval.reason} It was not applied automatically.` : null,
    /** Checks a proposal; `blocked` is the reason when a check blocked it. */
    output(proposal: { plan: unknown; patch: string | null }): { results: GuardrailResult[]; blocked: string | null } {
      const results = [...input, ...checkOutput(checks, { input: { goal }, output: proposal, secretValues })];
      return { results, blocked: blockReason(results) };
    },
  };
}
