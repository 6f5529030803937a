CREATE TABLE "workflow_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "definition_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_versions_workflow_version_idx" ON "workflow_versions" USING btree ("workflow_id","version");--> statement-breakpoint
-- Existing workflows get their current stages as version rows, so every workflow has a definition.
INSERT INTO "workflow_versions" ("workflow_id", "version", "definition", "source", "created_by_id", "created_at")
SELECT w."id", w."version",
  jsonb_build_object('stages', COALESCE((
    SELECT jsonb_agg(jsonb_build_object(
      'id', s."id",
      'name', s."name",
      'type', s."type",
      'wipLimit', COALESCE(s."config"->'wipLimit', 'null'::jsonb),
      'agentPrompt', COALESCE(s."config"->>'agentPrompt', ''),
      'agentTargetPath', COALESCE(s."config"->>'agentTargetPath', CASE WHEN s."type" = 'AGENT_ASSIST' THEN '.' ELSE '' END),
      'agentModelHint', COALESCE(s."config"->>'agentModelHint', ''),
      'agentAutoApply', COALESCE((s."config"->>'agentAutoApply')::boolean, false),
      'taskGraph', 'null'::jsonb
    ) ORDER BY s."position")
    FROM "stages" s WHERE s."workflow_id" = w."id"), '[]'::jsonb)),
  'create', w."owner_user_id", w."created_at"
FROM "workflows" w;
