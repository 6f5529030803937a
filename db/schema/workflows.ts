import { type AnyPgColumn, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { teams, users } from "./auth";

export const visibility = pgEnum("visibility", ["personal", "team", "global"]);
export const stageType = pgEnum("stage_type", ["HUMAN", "AUTOMATION", "AGENT_ASSIST"]);

/**
 * Stage settings kept as JSON, mirroring the workflow's latest version for the board. Task graphs live in
 * `workflow_versions` alone.
 */
export type StageConfig = {
  wipLimit?: number | null;
  agentPrompt?: string;
  agentTargetPath?: string;
  agentModelHint?: string;
  agentAutoApply?: boolean;
};

export const workflows = pgTable(
  "workflows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id),
    ownerTeamId: uuid("owner_team_id").references(() => teams.id),
    visibility: visibility("visibility").notNull().default("personal"),
    isTemplate: boolean("is_template").notNull().default(false),
    templateOf: uuid("template_of").references((): AnyPgColumn => workflows.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("workflows_owner_team_idx").on(t.ownerTeamId),
    index("workflows_owner_user_idx").on(t.ownerUserId),
    index("workflows_visibility_idx").on(t.visibility),
  ],
);

export const stages = pgTable(
  "stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    type: stageType("type").notNull().default("HUMAN"),
    config: jsonb("config").$type<StageConfig>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when a saved version drops the stage; the row stays for the history that points at it. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("stages_workflow_position_idx").on(t.workflowId, t.position)],
);

export const VERSION_SOURCES = ["create", "designer", "import", "template", "copy"] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

/**
 * Immutable versions of a workflow's definition (stages and task graphs). `workflows.version` names the
 * latest; items and runs keep the version they started with.
 */
export const workflowVersions = pgTable(
  "workflow_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** A `WorkflowDefinition` (lib/workflows/definition.ts), checked before it is written. */
    definition: jsonb("definition").$type<unknown>().notNull(),
    source: text("source").$type<VersionSource>().notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workflow_versions_workflow_version_idx").on(t.workflowId, t.version)],
);

export type Workflow = typeof workflows.$inferSelect;
export type WorkflowVersion = typeof workflowVersions.$inferSelect;
export type NewWorkflow = typeof workflows.$inferInsert;
export type Stage = typeof stages.$inferSelect;
export type NewStage = typeof stages.$inferInsert;
export type Visibility = (typeof visibility.enumValues)[number];
export type StageType = (typeof stageType.enumValues)[number];
