import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workItems } from "./work-items";
import { stages, workflows } from "./workflows";

export const runStatus = pgEnum("run_status", ["pending", "running", "paused", "waiting_approval", "completed", "failed", "cancelled"]);
export const taskStatus = pgEnum("task_status", ["pending", "queued", "running", "waiting", "completed", "failed", "skipped", "cancelled"]);

/** Why a run exists: an item entered an automated stage, a program started it, a trigger fired. */
export type RunOrigin = "stage" | "api" | "trigger";

/**
 * One execution of a stage's task graph at a pinned definition version. The run's state lives here and in
 * `task_runs`; the queue only wakes workers. `last_seq` allocates `run_events.seq` under the row lock,
 * which also serializes every state change of one run.
 */
export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    workItemId: uuid("work_item_id").references(() => workItems.id, { onDelete: "cascade" }),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id),
    definitionVersion: integer("definition_version").notNull(),
    status: runStatus("status").notNull().default("pending"),
    origin: text("origin").$type<RunOrigin>().notNull(),
    input: jsonb("input").$type<unknown>().notNull().default({}),
    output: jsonb("output").$type<unknown>(),
    error: text("error"),
    initiatorId: uuid("initiator_id").references(() => users.id, { onDelete: "set null" }),
    conversationId: text("conversation_id"),
    /** Set while paused: the status to return to on resume is recomputed, so only the fact is kept. */
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    timeoutMs: integer("timeout_ms"),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }),
    lastSeq: integer("last_seq").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("runs_workflow_status_idx").on(t.workflowId, t.status, t.createdAt),
    index("runs_item_created_idx").on(t.workItemId, t.createdAt),
    index("runs_status_created_idx").on(t.status, t.createdAt),
  ],
);

/**
 * One task of a run. `attempt` counts claims of the current iteration; a worker completes a task only
 * through a conditional update on `(status, attempt)`, so a duplicated or late job never completes it twice.
 */
export const taskRuns = pgTable(
  "task_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    taskKey: text("task_key").notNull(),
    status: taskStatus("status").notNull().default("pending"),
    attempt: integer("attempt").notNull().default(0),
    iteration: integer("iteration").notNull().default(1),
    input: jsonb("input").$type<unknown>(),
    output: jsonb("output").$type<unknown>(),
    error: text("error"),
    errorDetails: jsonb("error_details").$type<unknown>(),
    /** Why a `waiting` task waits: an approval, a person's output, a delay, a decision on an agent call. */
    waitingFor: text("waiting_for").$type<"approval" | "human" | "delay" | "agent">(),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** A running task whose lease passed belongs to a worker that stopped: recovery queues it again. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    workerId: text("worker_id"),
  },
  (t) => [
    uniqueIndex("task_runs_run_task_idx").on(t.runId, t.taskKey),
    index("task_runs_status_lease_idx").on(t.status, t.leaseUntil),
  ],
);

/** The ordered story of a run: what the stream and the run page read. `seq` is strictly increasing per run. */
export const runEvents = pgTable(
  "run_events",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    taskKey: text("task_key"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** Decisions on an approval task, one per person per iteration. */
export const taskApprovals = pgTable(
  "task_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskRunId: uuid("task_run_id")
      .notNull()
      .references(() => taskRuns.id, { onDelete: "cascade" }),
    iteration: integer("iteration").notNull().default(1),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    approve: boolean("approve").notNull(),
    comment: text("comment").notNull().default(""),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("task_approvals_once_idx").on(t.taskRunId, t.iteration, t.userId)],
);

export const triggerKind = pgEnum("trigger_kind", ["event", "cron", "webhook"]);

/**
 * What starts work without a person: an event elsewhere, a schedule, an inbound webhook. Each firing
 * creates an item in the trigger's workflow (which may start a run) and is audited.
 */
export const triggers = pgTable(
  "triggers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    kind: triggerKind("kind").notNull(),
    name: text("name").notNull(),
    /** Kind-specific: `{event, sourceWorkflowId?, stageId?}`, `{cron, timezone}`, `{}`; plus `{targetStageId?, title?}`. */
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    /** A webhook's HMAC key, encrypted at rest (lib/secrets). */
    secretCiphertext: text("secret_ciphertext"),
    enabled: boolean("enabled").notNull().default(true),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastFiredAt: timestamp("last_fired_at", { withTimezone: true }),
  },
  (t) => [index("triggers_kind_idx").on(t.kind, t.enabled)],
);

/**
 * Deliveries a trigger has already turned into an item: a webhook's `X-Tandem-Delivery` id, an event or a
 * cron tick the queue may hand over twice. A repeat finds its row and changes nothing.
 */
export const triggerDeliveries = pgTable(
  "trigger_deliveries",
  {
    triggerId: uuid("trigger_id")
      .notNull()
      .references(() => triggers.id, { onDelete: "cascade" }),
    deliveryId: text("delivery_id").notNull(),
    workItemId: uuid("work_item_id").references(() => workItems.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.triggerId, t.deliveryId] })],
);

export type Run = typeof runs.$inferSelect;
export type NewRun = typeof runs.$inferInsert;
export type TaskRun = typeof taskRuns.$inferSelect;
export type NewTaskRun = typeof taskRuns.$inferInsert;
export type RunEvent = typeof runEvents.$inferSelect;
export type TaskApproval = typeof taskApprovals.$inferSelect;
export type Trigger = typeof triggers.$inferSelect;
export type TriggerDelivery = typeof triggerDeliveries.$inferSelect;
export type RunStatusValue = (typeof runStatus.enumValues)[number];
export type TaskStatusValue = (typeof taskStatus.enumValues)[number];
