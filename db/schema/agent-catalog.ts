import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AgentConfig, AgentKind, GuardrailCheck } from "@/lib/agents/catalog/schemas";
import { teams, users } from "./auth";
import { runs } from "./runs";
import { visibility, workflows } from "./workflows";

/**
 * The agent catalog: agents a team defines (an LLM persona, a remote agent service, the builtin planner),
 * versioned like workflow definitions; which agent plays each role of a workflow's task graphs; the
 * version each run pinned; and guardrail policies that `policyTags` name. Ownership and visibility follow
 * the workflows' rules (personal, team, global).
 */
export const catalogAgents = pgTable(
  "catalog_agents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").$type<AgentKind>().notNull(),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id),
    ownerTeamId: uuid("owner_team_id").references(() => teams.id, { onDelete: "cascade" }),
    visibility: visibility("visibility").notNull().default("team"),
    /** The latest version; `catalog_agent_versions` holds every one. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("catalog_agents_owner_name_idx").on(sql`coalesce(${t.ownerTeamId}, ${t.ownerUserId})`, sql`lower(${t.name})`),
    index("catalog_agents_team_idx").on(t.ownerTeamId),
  ],
);

/** One immutable version of an agent: what it is told, what it may do, what it can. */
export const catalogAgentVersions = pgTable(
  "catalog_agent_versions",
  {
    agentId: uuid("agent_id")
      .notNull()
      .references(() => catalogAgents.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    description: text("description").notNull().default(""),
    /** What the agent can do (`code.review`, `docs.write`); a role that needs one binds only to agents that have it. */
    capabilities: jsonb("capabilities").$type<string[]>().notNull().default([]),
    config: jsonb("config").$type<AgentConfig>().notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.version] })],
);

/** Which catalog agent plays a role (by the role's id in the task graphs) of a workflow. */
export const agentRoleBindings = pgTable(
  "agent_role_bindings",
  {
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    roleId: text("role_id").notNull(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => catalogAgents.id, { onDelete: "cascade" }),
    boundById: uuid("bound_by_id").references(() => users.id, { onDelete: "set null" }),
    boundAt: timestamp("bound_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.roleId] }), index("agent_role_bindings_agent_idx").on(t.agentId)],
);

/** The agent version a run used for a role: pinned by its first call, so every task of the run uses the same one. */
export const runAgentPins = pgTable(
  "run_agent_pins",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    roleId: text("role_id").notNull(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => catalogAgents.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.roleId] })],
);

/** Checks that a policy tag brings into every agent call of a task or stage carrying it. */
export const guardrailPolicies = pgTable(
  "guardrail_policies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tag: text("tag").notNull(),
    description: text("description").notNull().default(""),
    checks: jsonb("checks").$type<GuardrailCheck[]>().notNull(),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id),
    ownerTeamId: uuid("owner_team_id").references(() => teams.id, { onDelete: "cascade" }),
    visibility: visibility("visibility").notNull().default("team"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("guardrail_policies_owner_tag_idx").on(sql`coalesce(${t.ownerTeamId}, ${t.ownerUserId})`, t.tag)],
);

export type CatalogAgent = typeof catalogAgents.$inferSelect;
export type CatalogAgentVersion = typeof catalogAgentVersions.$inferSelect;
export type AgentRoleBinding = typeof agentRoleBindings.$inferSelect;
export type RunAgentPin = typeof runAgentPins.$inferSelect;
export type GuardrailPolicy = typeof guardrailPolicies.$inferSelect;
