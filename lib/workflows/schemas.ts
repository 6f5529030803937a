import { z } from "zod";

export const workflowId = z.string().uuid();

export const WORKFLOW_FILTERS = ["all", "mine", "team", "global", "templates"] as const;
export const workflowFilter = z.enum(WORKFLOW_FILTERS).catch("all");
export type WorkflowFilter = (typeof WORKFLOW_FILTERS)[number];

export const renameWorkflowInput = z.object({
  id: workflowId,
  name: z.string().trim().min(1, "Give the workflow a name.").max(120, "Keep the name under 120 characters."),
});
export type RenameWorkflowInput = z.infer<typeof renameWorkflowInput>;

export type { StageType, Visibility } from "@/db/schema/workflows";
export type { Priority } from "@/db/schema/work-items";
