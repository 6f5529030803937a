import { bigserial, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { stages, workflows } from "./workflows";

export const priority = pgEnum("priority", ["urgent", "high", "medium", "low", "none"]);

export const workItems = pgTable(
  "work_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    priority: priority("priority").notNull().default("none"),
    /** Order inside the stage's column: ascending, fractional so a move rewrites one row. */
    position: doublePrecision("position").notNull().default(0),
    /** The workflow definition version the item started with; its runs use that version's task graphs. */
    definitionVersion: integer("definition_version").notNull().default(1),
    /** Bumped by every write; a write based on an older version is refused as a conflict. */
    version: integer("version").notNull().default(1),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [index("work_items_workflow_stage_idx").on(t.workflowId, t.stageId, t.position)],
);

/** Append-only history of stage moves; time in stage and cycle time are derived from it. */
export const workItemTransitions = pgTable(
  "work_item_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workItemId: uuid("work_item_id")
      .notNull()
      .references(() => workItems.id, { onDelete: "cascade" }),
    /** Null for the transition that created the item. */
    fromStageId: uuid("from_stage_id").references(() => stages.id),
    toStageId: uuid("to_stage_id")
      .notNull()
      .references(() => stages.id),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    reason: text("reason"),
  },
  (t) => [
    index("work_item_transitions_item_at_idx").on(t.workItemId, t.at),
    index("work_item_transitions_to_stage_at_idx").on(t.toStageId, t.at),
    index("work_item_transitions_at_idx").on(t.at),
  ],
);

export const workItemComments = pgTable(
  "work_item_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workItemId: uuid("work_item_id")
      .notNull()
      .references(() => workItems.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("work_item_comments_item_idx").on(t.workItemId, t.createdAt)],
);

/**
 * Change feed of a workflow's items (created, updated, moved, archived, commented): open boards
 * follow it by `seq` to show other people's changes. History of record stays in the transitions.
 */
export const workItemEvents = pgTable(
  "work_item_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    workItemId: uuid("work_item_id")
      .notNull()
      .references(() => workItems.id, { onDelete: "cascade" }),
    kind: text("kind").$type<WorkItemEventKind>().notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("work_item_events_workflow_seq_idx").on(t.workflowId, t.seq)],
);

export type WorkItemEventKind = "created" | "updated" | "moved" | "reordered" | "archived" | "restored" | "commented";
export type WorkItem = typeof workItems.$inferSelect;
export type NewWorkItem = typeof workItems.$inferInsert;
export type WorkItemTransition = typeof workItemTransitions.$inferSelect;
export type NewWorkItemTransition = typeof workItemTransitions.$inferInsert;
export type Priority = (typeof priority.enumValues)[number];
export type WorkItemComment = typeof workItemComments.$inferSelect;
export type WorkItemEvent = typeof workItemEvents.$inferSelect;
