import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type CatalogAgent, type CatalogAgentVersion, catalogAgentVersions, catalogAgents, teams, users } from "@/db/schema";
import type { AgentConfig } from "@/lib/agents/catalog/schemas";
import type { Actor } from "@/lib/auth/actor";
import { type Level, atLeast } from "@/lib/auth/permissions";
import { visibleWhere, workflowLevel } from "@/lib/auth/visibility";
import { appendAudit } from "@/lib/audit/log";
import { Conflict, Forbidden, Invalid, NotFound, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ownerFor } from "@/lib/workflows/create";
import { archiveAgentInput, createAgentInput, updateAgentInput } from "./schemas";

/**
 * The agent catalog: agents a team defines once and binds to roles of its workflows. Each edit writes a
 * new immutable version; runs pin the version they used. Visibility and levels follow the workflows'
 * rules (a team agent is seen by the team's members, changed by those who may change its workflows).
 */

export type AgentView = CatalogAgent & {
  description: string;
  capabilities: string[];
  config: AgentConfig;
  teamName: string | null;
  ownerName: string;
  level: Level;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const nameTaken = (name: string) => new Conflict(`An agent named “${name}” already exists here; choose another name.`);

/** Secrets named in a config must be names, never values: a pasted key would be stored in clear. */
function checkConfig(config: AgentConfig): void {
  if (config.kind === "llm" && config.baseUrl && !/^https?:\/\//i.test(config.baseUrl)) {
    throw new Invalid("The model server's URL must start with http:// or https://.", { "config.baseUrl": ["Use an http(s) URL."] });
  }
  if (config.kind === "llm") {
    const names = new Set<string>();
    for (const t of config.tools) {
      if (names.has(t.name)) throw new Invalid(`Two tools are named “${t.name}”; tool names must differ.`, { "config.tools": ["Duplicate name."] });
      names.add(t.name);
    }
  }
}

/** One agent the actor can see, with its latest version, or NotFound (also for malformed ids). */
export async function requireAgent(db: Db, actor: Actor, agentId: string, level: Level = "READ"): Promise<AgentView> {
  if (!UUID.test(agentId)) throw new NotFound("Agent");
  const [row] = await db
    .select({ agent: catalogAgents, v: catalogAgentVersions, teamName: teams.name, ownerName: users.name })
    .from(catalogAgents)
    .innerJoin(catalogAgentVersions, and(eq(catalogAgentVersions.agentId, catalogAgents.id), eq(catalogAgentVersions.version, catalogAgents.version)))
    .innerJoin(users, eq(users.id, catalogAgents.ownerUserId))
    .leftJoin(teams, eq(teams.id, catalogAgents.ownerTeamId))
    .where(and(eq(catalogAgents.id, agentId), visibleWhere(actor, catalogAgents)));
  if (!row) throw new NotFound("Agent");
  const have = workflowLevel(actor, row.agent);
  if (!atLeast(have, level)) throw new Forbidden(`You need ${level} access to change “${row.agent.name}”.`);
  return toView(row, have);
}

function toView(row: { agent: CatalogAgent; v: CatalogAgentVersion; teamName: string | null; ownerName: string }, level: Level): AgentView {
  return { ...row.agent, description: row.v.description, capabilities: row.v.capabilities, config: row.v.config, teamName: row.teamName, ownerName: row.ownerName, level };
}

/** The agents the actor can see, by name; archived ones only when asked. */
export async function listAgents(db: Db, actor: Actor, opts: { archived?: boolean } = {}): Promise<AgentView[]> {
  const rows = await db
    .select({ agent: catalogAgents, v: catalogAgentVersions, teamName: teams.name, ownerName: users.name })
    .from(catalogAgents)
    .innerJoin(catalogAgentVersions, and(eq(catalogAgentVersions.agentId, catalogAgents.id), eq(catalogAgentVersions.version, catalogAgents.version)))
    .innerJoin(users, eq(users.id, catalogAgents.ownerUserId))
    .leftJoin(teams, eq(teams.id, catalogAgents.ownerTeamId))
    .where(and(visibleWhere(actor, catalogAgents), opts.archived ? undefined : isNull(catalogAgents.archivedAt)))
    .orderBy(asc(sql`lower(${catalogAgents.name})`));
  return rows.map((r) => toView(r, workflowLevel(actor, r.agent)));
}

/** Every version of an agent the actor can see, newest first, with who wrote it. */
export async function listAgentVersions(db: Db, actor: Actor, agentId: string) {
  const agent = await requireAgent(db, actor, agentId);
  const versions = await db
    .select({
      version: catalogAgentVersions.version,
      description: catalogAgentVersions.description,
      capabilities: catalogAgentVersions.capabilities,
      config: catalogAgentVersions.config,
      createdAt: catalogAgentVersions.createdAt,
      createdByName: users.name,
    })
    .from(catalogAgentVersions)
    .leftJoin(users, eq(users.id, catalogAgentVersions.createdById))
    .where(eq(catalogAgentVersions.agentId, agent.id))
    .orderBy(desc(catalogAgentVersions.version));
  return { agent, versions };
}

/** Defines an agent (version 1) owned by the actor or one of their teams; audited. */
export async function createAgent(db: Db, actor: Actor, input: unknown): Promise<AgentView> {
  const data = parseInput(createAgentInput, input);
  checkConfig(data.config);
  const owner = ownerFor(actor, data);
  try {
    const id = await db.transaction(async (tx) => {
      const [agent] = await tx.insert(catalogAgents).values({ name: data.name, kind: data.config.kind, ...owner, version: 1 }).returning();
      await tx.insert(catalogAgentVersions).values({
        agentId: agent!.id,
        version: 1,
        description: data.description,
        capabilities: [...new Set(data.capabilities)],
        config: data.config,
        createdById: actor.userId,
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "agent.create",
        targetType: "agent",
        targetId: agent!.id,
        requestId: actor.requestId,
        details: { name: data.name, kind: data.config.kind, visibility: owner.visibility, teamId: owner.ownerTeamId },
      });
      return agent!.id;
    });
    return requireAgent(db, actor, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(data.name);
    throw error;
  }
}

/**
 * Saves an edit as the agent's next version. The kind is fixed (a new kind is a new agent), and an edit
 * based on an older version than the latest is refused, so two editors never overwrite each other.
 */
export async function updateAgent(db: Db, actor: Actor, input: unknown): Promise<AgentView> {
  const data = parseInput(updateAgentInput, input);
  checkConfig(data.config);
  const agent = await requireAgent(db, actor, data.agentId, "WRITE");
  if (data.config.kind !== agent.kind) {
    throw new Invalid(`“${agent.name}” is a ${agent.kind} agent; its kind cannot change. Define a new agent instead.`, { "config.kind": ["Cannot change."] });
  }
  try {
    await db.transaction(async (tx) => {
      const next = data.baseVersion + 1;
      const moved = await tx
        .update(catalogAgents)
        .set({ name: data.name, version: next, updatedAt: new Date() })
        .where(and(eq(catalogAgents.id, agent.id), eq(catalogAgents.version, data.baseVersion)))
        .returning({ id: catalogAgents.id });
      if (moved.length === 0) {
        throw new Conflict(`“${agent.name}” was changed since you opened it (it is at version ${agent.version}); reload and edit again.`);
      }
      await tx.insert(catalogAgentVersions).values({
        agentId: agent.id,
        version: next,
        description: data.description,
        capabilities: [...new Set(data.capabilities)],
        config: data.config,
        createdById: actor.userId,
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "agent.update",
        targetType: "agent",
        targetId: agent.id,
        requestId: actor.requestId,
        details: { name: data.name, version: next },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(data.name);
    throw error;
  }
  return requireAgent(db, actor, agent.id);
}

/** Archives an agent (it leaves the catalog's list and cannot be bound; runs that pinned it keep it) or restores it. */
export async function archiveAgent(db: Db, actor: Actor, input: unknown): Promise<AgentView> {
  const data = parseInput(archiveAgentInput, input);
  const agent = await requireAgent(db, actor, data.agentId, "WRITE");
  await db.transaction(async (tx) => {
    await tx
      .update(catalogAgents)
      .set({ archivedAt: data.archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(catalogAgents.id, agent.id));
    await appendAudit(tx, {
      actorId: actor.userId,
      action: data.archived ? "agent.archive" : "agent.restore",
      targetType: "agent",
      targetId: agent.id,
      requestId: actor.requestId,
      details: { name: agent.name },
    });
  });
  return requireAgent(db, actor, agent.id);
}
