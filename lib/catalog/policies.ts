import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type GuardrailPolicy, guardrailPolicies, teams, users } from "@/db/schema";
import type { GuardrailCheck } from "@/lib/agents/catalog/schemas";
import { invalidPatterns } from "@/lib/agents/guardrails/checks";

export { BUILTIN_POLICIES, checksForTags } from "@/lib/agents/guardrails/resolve";
import type { Actor } from "@/lib/auth/actor";
import { type Level, atLeast } from "@/lib/auth/permissions";
import { visibleWhere, workflowLevel } from "@/lib/auth/visibility";
import { appendAudit } from "@/lib/audit/log";
import { Conflict, Forbidden, Invalid, NotFound, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ownerFor } from "@/lib/workflows/create";
import { deletePolicyInput, savePolicyInput } from "./schemas";

/**
 * Guardrail policies: a tag (`no-secrets`, `safe-patch`) names a set of checks, and every agent call of a
 * task or stage carrying the tag runs them (resolved by `checksForTags`). Visibility follows the
 * workflows' rules.
 */

export type PolicyView = GuardrailPolicy & { teamName: string | null; ownerName: string; level: Level };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkPatterns(checks: GuardrailCheck[]): void {
  checks.forEach((c, i) => {
    if (c.kind !== "regex_deny") return;
    const bad = invalidPatterns(c.patterns).map((p) => `“${p}” is not a valid regular expression.`);
    if (bad.length) throw new Invalid(`Check ${i + 1}: ${bad.join(" ")}`, { [`checks.${i}.patterns`]: bad });
  });
}

/** The guardrail policies the actor can see, by tag. */
export async function listPolicies(db: Db, actor: Actor): Promise<PolicyView[]> {
  const rows = await db
    .select({ p: guardrailPolicies, teamName: teams.name, ownerName: users.name })
    .from(guardrailPolicies)
    .innerJoin(users, eq(users.id, guardrailPolicies.ownerUserId))
    .leftJoin(teams, eq(teams.id, guardrailPolicies.ownerTeamId))
    .where(visibleWhere(actor, guardrailPolicies))
    .orderBy(asc(guardrailPolicies.tag), asc(teams.name));
  return rows.map((r) => ({ ...r.p, teamName: r.teamName, ownerName: r.ownerName, level: workflowLevel(actor, r.p) }));
}

async function requirePolicy(db: Db, actor: Actor, id: string, level: Level): Promise<GuardrailPolicy> {
  if (!UUID.test(id)) throw new NotFound("Policy");
  const [p] = await db.select().from(guardrailPolicies).where(and(eq(guardrailPolicies.id, id), visibleWhere(actor, guardrailPolicies)));
  if (!p) throw new NotFound("Policy");
  if (!atLeast(workflowLevel(actor, p), level)) throw new Forbidden(`You need ${level} access to change the policy “${p.tag}”.`);
  return p;
}

/** Creates a policy, or replaces an existing one's tag, description and checks; audited. */
export async function savePolicy(db: Db, actor: Actor, input: unknown): Promise<GuardrailPolicy> {
  const data = parseInput(savePolicyInput, input);
  checkPatterns(data.checks);
  try {
    return await db.transaction(async (tx) => {
      let row: GuardrailPolicy;
      if (data.policyId) {
        const before = await requirePolicy(tx, actor, data.policyId, "WRITE");
        [row] = (await tx
          .update(guardrailPolicies)
          .set({ tag: data.tag, description: data.description, checks: data.checks, updatedAt: new Date() })
          .where(eq(guardrailPolicies.id, before.id))
          .returning()) as [GuardrailPolicy];
      } else {
        const owner = ownerFor(actor, data);
        [row] = (await tx.insert(guardrailPolicies).values({ tag: data.tag, description: data.description, checks: data.checks, ...owner }).returning()) as [GuardrailPolicy];
      }
      await appendAudit(tx, {
        actorId: actor.userId,
        action: data.policyId ? "guardrail.update" : "guardrail.create",
        targetType: "guardrail_policy",
        targetId: row.id,
        requestId: actor.requestId,
        details: { tag: row.tag, checks: row.checks.map((c) => c.kind) },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`A policy tagged “${data.tag}” already exists here; edit that one.`);
    throw error;
  }
}

/** Deletes a policy; tasks carrying its tag are no longer checked by it. Audited. */
export async function deletePolicy(db: Db, actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = parseInput(deletePolicyInput, input);
  const p = await requirePolicy(db, actor, data.policyId, "WRITE");
  await db.transaction(async (tx) => {
    await tx.delete(guardrailPolicies).where(eq(guardrailPolicies.id, p.id));
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "guardrail.delete",
      targetType: "guardrail_policy",
      targetId: p.id,
      requestId: actor.requestId,
      details: { tag: p.tag },
    });
  });
  return { id: p.id };
}
