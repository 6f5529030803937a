CREATE TABLE "agent_role_bindings" (
	"workflow_id" uuid NOT NULL,
	"role_id" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"bound_by_id" uuid,
	"bound_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_role_bindings_workflow_id_role_id_pk" PRIMARY KEY("workflow_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_agent_versions" (
	"agent_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"capabilities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"config" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_agent_versions_agent_id_version_pk" PRIMARY KEY("agent_id","version")
);
--> statement-breakpoint
CREATE TABLE "catalog_agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"owner_team_id" uuid,
	"visibility" "visibility" DEFAULT 'team' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "guardrail_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tag" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"checks" jsonb NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"owner_team_id" uuid,
	"visibility" "visibility" DEFAULT 'team' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_agent_pins" (
	"run_id" uuid NOT NULL,
	"role_id" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"pinned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_agent_pins_run_id_role_id_pk" PRIMARY KEY("run_id","role_id")
);
--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "workflow_id" uuid;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "run_id" uuid;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "task_run_id" uuid;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "iteration" integer;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "catalog_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "agent_version" integer;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "role_id" text;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "parent_call_id" bigint;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "status" text;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "cost_micros" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "transcript" jsonb;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "guardrails" jsonb;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "gate" jsonb;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD COLUMN "state" jsonb;--> statement-breakpoint
ALTER TABLE "agent_recommendations" ADD COLUMN "guardrails" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_role_bindings" ADD CONSTRAINT "agent_role_bindings_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_role_bindings" ADD CONSTRAINT "agent_role_bindings_agent_id_catalog_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."catalog_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_role_bindings" ADD CONSTRAINT "agent_role_bindings_bound_by_id_users_id_fk" FOREIGN KEY ("bound_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_agent_versions" ADD CONSTRAINT "catalog_agent_versions_agent_id_catalog_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."catalog_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_agent_versions" ADD CONSTRAINT "catalog_agent_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_agents" ADD CONSTRAINT "catalog_agents_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_agents" ADD CONSTRAINT "catalog_agents_owner_team_id_teams_id_fk" FOREIGN KEY ("owner_team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardrail_policies" ADD CONSTRAINT "guardrail_policies_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardrail_policies" ADD CONSTRAINT "guardrail_policies_owner_team_id_teams_id_fk" FOREIGN KEY ("owner_team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_agent_pins" ADD CONSTRAINT "run_agent_pins_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_agent_pins" ADD CONSTRAINT "run_agent_pins_agent_id_catalog_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."catalog_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_role_bindings_agent_idx" ON "agent_role_bindings" USING btree ("agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_agents_owner_name_idx" ON "catalog_agents" USING btree (coalesce("owner_team_id", "owner_user_id"),lower("name"));--> statement-breakpoint
CREATE INDEX "catalog_agents_team_idx" ON "catalog_agents" USING btree ("owner_team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guardrail_policies_owner_tag_idx" ON "guardrail_policies" USING btree (coalesce("owner_team_id", "owner_user_id"),"tag");--> statement-breakpoint
ALTER TABLE "agent_calls" ADD CONSTRAINT "agent_calls_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD CONSTRAINT "agent_calls_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD CONSTRAINT "agent_calls_task_run_id_task_runs_id_fk" FOREIGN KEY ("task_run_id") REFERENCES "public"."task_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_calls" ADD CONSTRAINT "agent_calls_catalog_agent_id_catalog_agents_id_fk" FOREIGN KEY ("catalog_agent_id") REFERENCES "public"."catalog_agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_calls_task_run_idx" ON "agent_calls" USING btree ("task_run_id","id");--> statement-breakpoint
CREATE INDEX "agent_calls_run_idx" ON "agent_calls" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "agent_calls_workflow_at_idx" ON "agent_calls" USING btree ("workflow_id","at");