import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { guardrailPolicies, type Workflow } from "@/db/schema";
import type { GuardrailCheck } from "@/lib/agents/catalog/schemas";
import type { TaggedCheck } from "./checks";

/**
 * Which guardrail checks a set of policy tags brings into an agent call of a workflow. Two tags work with
 * no policy written: `secrets` and `needs-approval`; a policy of the same tag replaces either.
 */

/** Tags that mean something before anyone writes a policy for them. */
export const BUILTIN_POLICIES: Record<string, { description: string; checks: GuardrailCheck[] }> = {
  secrets: { description: "Blocks output that contains credentials or a stored secret's value.", checks: [{ kind: "secrets", on: "output", action: "block" }] },
  "needs-approval": { description: "A person approves each agent call before it runs.", checks: [{ kind: "needs_approval", reason: "" }] },
};

/**
 * The checks that `tags` bring into an agent call of a workflow: its owning team's policies, its owner's
 * personal ones (for a personal workflow) and global ones; the team's win over global, and any written
 * policy over a builtin tag. Tags nothing defines are returned in `unknown`.
 */
export async function checksForTags(
  db: Db,
  wf: Pick<Workflow, "ownerTeamId" | "ownerUserId" | "visibility">,
  tags: string[],
): Promise<{ checks: TaggedCheck[]; unknown: string[] }> {
  const wanted = [...new Set(tags)];
  if (wanted.length === 0) return { checks: [], unknown: [] };
  const mine = wf.ownerTeamId
    ? and(eq(guardrailPolicies.ownerTeamId, wf.ownerTeamId), sql`${guardrailPolicies.visibility} <> 'personal'`)
    : and(eq(guardrailPolicies.ownerUserId, wf.ownerUserId), isNull(guardrailPolicies.ownerTeamId));
  const rows = await db
    .select({ tag: guardrailPolicies.tag, checks: guardrailPolicies.checks, visibility: guardrailPolicies.visibility })
    .from(guardrailPolicies)
    .where(and(inArray(guardrailPolicies.tag, wanted), or(mine, eq(guardrailPolicies.visibility, "global"))));
  const checks: TaggedCheck[] = [];
  const unknown: string[] = [];
  for (const tag of wanted) {
    const own = rows.filter((r) => r.tag === tag);
    const chosen = own.find((r) => r.visibility !== "global") ?? own[0] ?? BUILTIN_POLICIES[tag];
    if (!chosen) unknown.push(tag);
    else for (const check of chosen.checks) checks.push({ tag, check });
  }
  return { checks, unknown };
}
