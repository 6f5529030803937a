import { type AnyPgColumn, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { teams, users } from "./auth";

export const visibility = pgEnum("visibility", ["personal", "team", "global"]);
export const stageType = pgEnum("stage_type", ["HUMAN", "AUTOMATION", "AGENT_ASSIST"]);

/** Stage settings kept as JSON; the task graph joins them with the designer work. */
export type StageConfig = {
  wipLimit?: number | null;
  agentPrompt?: string;
  agentTargetPath?: string;
  agentModelHint?: string;
  agentAutoApply?: boolean;
  taskGraph?: unknown;
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
  },
  (t) => [index("stages_workflow_position_idx").on(t.workflowId, t.position)],
);

export type Workflow = typeof workflows.$inferSelect;
export type NewWorkflow = typeof workflows.$inferInsert;
export type Stage = typeof stages.$inferSelect;
export type NewStage = typeof stages.$inferInsert;
export type Visibility = (typeof visibility.enumValues)[number];
export type StageType = (typeof stageType.enumValues)[number];
