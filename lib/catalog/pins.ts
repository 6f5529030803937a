import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type CatalogAgent, type CatalogAgentVersion, agentRoleBindings, catalogAgentVersions, catalogAgents, runAgentPins } from "@/db/schema";

/** A catalog agent at the version a run uses. */
export type PinnedAgent = { agent: CatalogAgent; version: CatalogAgentVersion };

/**
 * The agent version a run uses for a role: the first call of the run pins the bound agent's latest
 * version, and every later call of the run reads that pin, so an edit mid-run never changes a run's
 * agent. Null when the workflow binds no agent to the role (the builtin planner answers).
 */
export async function pinAgent(db: Db, o: { runId: string; workflowId: string; roleId: string }): Promise<PinnedAgent | null> {
  // Insert the pin from the binding if there is none yet; a concurrent first call loses the race harmlessly.
  await db.execute(sql`
    insert into ${runAgentPins} (run_id, role_id, agent_id, version)
    select ${o.runId}, b.role_id, b.agent_id, a.version
    from ${agentRoleBindings} b join ${catalogAgents} a on a.id = b.agent_id
    where b.workflow_id = ${o.workflowId} and b.role_id = ${o.roleId}
    on conflict do nothing`);
  const [row] = await db
    .select({ agent: catalogAgents, version: catalogAgentVersions })
    .from(runAgentPins)
    .innerJoin(catalogAgents, eq(catalogAgents.id, runAgentPins.agentId))
    .innerJoin(catalogAgentVersions, and(eq(catalogAgentVersions.agentId, runAgentPins.agentId), eq(catalogAgentVersions.version, runAgentPins.version)))
    .where(and(eq(runAgentPins.runId, o.runId), eq(runAgentPins.roleId, o.roleId)));
  return row ?? null;
}

/** An agent at a given version (a handoff's target, a call continuing after a decision). */
export async function agentAt(db: Db, agentId: string, version?: number): Promise<PinnedAgent | null> {
  const [row] = await db
    .select({ agent: catalogAgents, version: catalogAgentVersions })
    .from(catalogAgents)
    .innerJoin(
      catalogAgentVersions,
      and(eq(catalogAgentVersions.agentId, catalogAgents.id), eq(catalogAgentVersions.version, version ?? catalogAgents.version)),
    )
    .where(eq(catalogAgents.id, agentId));
  return row ?? null;
}
