CREATE TYPE "public"."agent_session_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."agent_outcome_kind" AS ENUM('accepted', 'rejected', 'edited', 'apply_success', 'apply_failure');--> statement-breakpoint
CREATE TYPE "public"."agent_recommendation_status" AS ENUM('pending', 'proposed', 'error', 'accepted', 'rejected', 'superseded');--> statement-breakpoint
CREATE TABLE "agent_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"session_id" uuid,
	"recommendation_id" uuid,
	"verb" text NOT NULL,
	"engine" text NOT NULL,
	"model" text,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"ok" boolean NOT NULL,
	"error" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_outcomes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"intent" text NOT NULL,
	"engine" text NOT NULL,
	"kind" "agent_outcome_kind" NOT NULL,
	"success" boolean NOT NULL,
	"recommendation_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"status" "agent_recommendation_status" DEFAULT 'pending' NOT NULL,
	"goal" text NOT NULL,
	"repo_root" text,
	"target_path" text,
	"intent" text,
	"engine" text,
	"model" text,
	"plan" jsonb,
	"patch" text,
	"base_commit" text,
	"input_tokens" integer,
	"output_tokens" integer,
	"latency_ms" integer,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"auto_apply" jsonb,
	"edited_plan" jsonb,
	"edited_patch" text,
	"edit_diff" jsonb,
	"apply_result" jsonb,
	"reviewer_id" uuid,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agent_session_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"role" text NOT NULL,
	"verb" text NOT NULL,
	"content" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"repo_root" text NOT NULL,
	"work_item_id" uuid,
	"current_plan" jsonb,
	"status" "agent_session_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid,
	"user_id" uuid,
	"name" text NOT NULL,
	"ciphertext" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "secrets_scope_name_uq" UNIQUE NULLS NOT DISTINCT("team_id","user_id","name"),
	CONSTRAINT "secrets_one_scope" CHECK (("secrets"."team_id" is null) <> ("secrets"."user_id" is null))
);
--> statement-breakpoint
ALTER TABLE "agent_calls" ADD CONSTRAINT "agent_calls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD CONSTRAINT "agent_calls_session_id_agent_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."agent_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD CONSTRAINT "agent_calls_recommendation_id_agent_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."agent_recommendations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_outcomes" ADD CONSTRAINT "agent_outcomes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_outcomes" ADD CONSTRAINT "agent_outcomes_recommendation_id_agent_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."agent_recommendations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_recommendations" ADD CONSTRAINT "agent_recommendations_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_recommendations" ADD CONSTRAINT "agent_recommendations_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_recommendations" ADD CONSTRAINT "agent_recommendations_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_recommendations" ADD CONSTRAINT "agent_recommendations_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_session_messages" ADD CONSTRAINT "agent_session_messages_session_id_agent_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."agent_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_sessions" ADD CONSTRAINT "agent_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_sessions" ADD CONSTRAINT "agent_sessions_work_item_id_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."work_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_calls_user_at_idx" ON "agent_calls" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "agent_outcomes_user_intent_idx" ON "agent_outcomes" USING btree ("user_id","intent","engine");--> statement-breakpoint
CREATE INDEX "agent_recommendations_item_idx" ON "agent_recommendations" USING btree ("work_item_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_recommendations_workflow_status_idx" ON "agent_recommendations" USING btree ("workflow_id","status");--> statement-breakpoint
CREATE INDEX "agent_session_messages_session_idx" ON "agent_session_messages" USING btree ("session_id","id");--> statement-breakpoint
CREATE INDEX "agent_sessions_user_activity_idx" ON "agent_sessions" USING btree ("user_id","status","last_activity_at");