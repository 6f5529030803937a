import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { Gate, GuardrailResult, TranscriptEntry } from "@/lib/agents/catalog/schemas";
import { catalogAgents } from "./agent-catalog";
import { teams, users } from "./auth";
import { runs, taskRuns } from "./runs";
import { workItems } from "./work-items";
import { stages, workflows } from "./workflows";

export const agentSessionStatus = pgEnum("agent_session_status", ["open", "closed"]);

/**
 * A person's working context with the agent: one repository, optionally one item, the latest plan.
 * Strictly personal: every query names `user_id`, so another user's session reads as a missing one.
 */
export const agentSessions = pgTable(
  "agent_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull().default(""),
    /** The repository's top folder, resolved under an allowed root (TANDEM_REPO_ROOTS). */
    repoRoot: text("repo_root").notNull(),
    workItemId: uuid("work_item_id").references(() => workItems.id, { onDelete: "set null" }),
    currentPlan: jsonb("current_plan").$type<unknown>(),
    status: agentSessionStatus("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("agent_sessions_user_activity_idx").on(t.userId, t.status, t.lastActivityAt)],
);

/** What was said in a session (a request and the agent's answer per verb); recent ones go into context bundles. */
export const agentSessionMessages = pgTable(
  "agent_session_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => agentSessions.id, { onDelete: "cascade" }),
    role: text("role").$type<"user" | "agent">().notNull(),
    verb: text("verb").$type<"route" | "context" | "plan" | "apply">().notNull(),
    content: text("content").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agent_session_messages_session_idx").on(t.sessionId, t.id)],
);

export const recommendationStatus = pgEnum("agent_recommendation_status", [
  "pending",
  "proposed",
  "error",
  "accepted",
  "rejected",
  "superseded",
]);

/** How a reviewer decided, or what auto-apply did; fed to learning. */
export type ApplyResult = { ok: true; branch: string; commit: string; files: string[] } | { ok: false; error: string };

/**
 * What the agent proposed for an item in an agent-assist stage: a plan and maybe a patch, or the error that
 * stopped it. `pending` while its job runs; a person accepts (optionally after editing) or rejects it.
 */
export const agentRecommendations = pgTable(
  "agent_recommendations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: uuid("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    workItemId: uuid("work_item_id")
      .notNull()
      .references(() => workItems.id, { onDelete: "cascade" }),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id),
    status: recommendationStatus("status").notNull().default("pending"),
    goal: text("goal").notNull(),
    repoRoot: text("repo_root"),
    targetPath: text("target_path"),
    intent: text("intent"),
    engine: text("engine"),
    model: text("model"),
    plan: jsonb("plan").$type<unknown>(),
    patch: text("patch"),
    baseCommit: text("base_commit"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    latencyMs: integer("latency_ms"),
    /** What the engine said it could not do, shown to reviewers. */
    notes: jsonb("notes").$type<string[]>().notNull().default([]),
    /** The stage's guardrails on this proposal (flags are shown to reviewers; a block made it an error). */
    guardrails: jsonb("guardrails").$type<GuardrailResult[]>().notNull().default([]),
    error: text("error"),
    autoApply: jsonb("auto_apply").$type<ApplyResult>(),
    /** A reviewer's edited plan and patch, and a readable difference from what was proposed. */
    editedPlan: jsonb("edited_plan").$type<unknown>(),
    editedPatch: text("edited_patch"),
    editDiff: jsonb("edit_diff").$type<unknown>(),
    applyResult: jsonb("apply_result").$type<ApplyResult>(),
    reviewerId: uuid("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("agent_recommendations_item_idx").on(t.workItemId, t.createdAt),
    index("agent_recommendations_workflow_status_idx").on(t.workflowId, t.status),
    index("agent_recommendations_workflow_created_idx").on(t.workflowId, t.createdAt),
  ],
);

export const outcomeKind = pgEnum("agent_outcome_kind", ["accepted", "rejected", "edited", "apply_success", "apply_failure"]);

/** Learning history: how people received an engine's work, per user and intent. Routing reads it. */
export const agentOutcomes = pgTable(
  "agent_outcomes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    intent: text("intent").notNull(),
    engine: text("engine").notNull(),
    kind: outcomeKind("kind").notNull(),
    success: boolean("success").notNull(),
    recommendationId: uuid("recommendation_id").references(() => agentRecommendations.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agent_outcomes_user_intent_idx").on(t.userId, t.intent, t.engine)],
);

/** How an agent call ended, or that it waits for a person (a tool approval, a budget, a guardrail). */
export type AgentCallStatus = "ok" | "failed" | "blocked" | "waiting" | "denied";

/**
 * Every call to an agent: who, which verb, tokens, latency, cost and whether it worked. A task-graph agent
 * call also keeps its transcript (secrets masked), its guardrail results and, while it waits for a person,
 * its gate and the state to continue from; each task run has its own calls.
 */
export const agentCalls = pgTable(
  "agent_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    sessionId: uuid("session_id").references(() => agentSessions.id, { onDelete: "set null" }),
    recommendationId: uuid("recommendation_id").references(() => agentRecommendations.id, { onDelete: "set null" }),
    workflowId: uuid("workflow_id").references(() => workflows.id, { onDelete: "cascade" }),
    runId: uuid("run_id").references(() => runs.id, { onDelete: "cascade" }),
    taskRunId: uuid("task_run_id").references(() => taskRuns.id, { onDelete: "cascade" }),
    iteration: integer("iteration"),
    catalogAgentId: uuid("catalog_agent_id").references(() => catalogAgents.id, { onDelete: "set null" }),
    agentVersion: integer("agent_version"),
    roleId: text("role_id"),
    /** A handoff's call names the call that handed over. */
    parentCallId: bigint("parent_call_id", { mode: "number" }),
    verb: text("verb").notNull(),
    engine: text("engine").notNull(),
    model: text("model"),
    status: text("status").$type<AgentCallStatus>(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    /** Estimated cost in millionths of a US dollar (integers add up exactly). */
    costMicros: bigint("cost_micros", { mode: "number" }).notNull().default(0),
    latencyMs: integer("latency_ms").notNull(),
    ok: boolean("ok").notNull(),
    error: text("error"),
    transcript: jsonb("transcript").$type<TranscriptEntry[]>(),
    guardrails: jsonb("guardrails").$type<GuardrailResult[]>(),
    gate: jsonb("gate").$type<Gate>(),
    /** What a waiting call continues from (an LLM conversation); cleared when the call ends. */
    state: jsonb("state").$type<unknown>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("agent_calls_user_at_idx").on(t.userId, t.at),
    index("agent_calls_task_run_idx").on(t.taskRunId, t.id),
    index("agent_calls_run_idx").on(t.runId),
    index("agent_calls_workflow_at_idx").on(t.workflowId, t.at),
  ],
);

/**
 * Named secrets of a team or a user, encrypted with AES-256-GCM (lib/secrets). Exactly one of `team_id`
 * and `user_id` is set. Values are never read back to a page or an API answer, only used.
 */
export const secrets = pgTable(
  "secrets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    ciphertext: text("ciphertext").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("secrets_scope_name_uq").on(t.teamId, t.userId, t.name).nullsNotDistinct(),
    check("secrets_one_scope", sql`(${t.teamId} is null) <> (${t.userId} is null)`),
  ],
);

export type AgentSession = typeof agentSessions.$inferSelect;
export type AgentSessionMessage = typeof agentSessionMessages.$inferSelect;
export type AgentRecommendation = typeof agentRecommendations.$inferSelect;
export type AgentOutcome = typeof agentOutcomes.$inferSelect;
export type AgentCall = typeof agentCalls.$inferSelect;
export type Secret = typeof secrets.$inferSelect;
export type RecommendationStatus = (typeof recommendationStatus.enumValues)[number];
export type OutcomeKind = (typeof outcomeKind.enumValues)[number];
