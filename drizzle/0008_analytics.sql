CREATE INDEX "work_item_transitions_from_stage_at_idx" ON "work_item_transitions" USING btree ("from_stage_id","at");--> statement-breakpoint
CREATE INDEX "work_items_workflow_created_idx" ON "work_items" USING btree ("workflow_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_recommendations_workflow_created_idx" ON "agent_recommendations" USING btree ("workflow_id","created_at");