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

const definitionInput = z.custom<unknown>((v) => v !== undefined && v !== null, "Send the workflow definition.");

export const saveDefinitionInput = z.object({
  workflowId,
  baseVersion: z.coerce.number().int().min(1, "Say which version your changes are based on."),
  /** Parsed by `definitionSchema` in the service, which reports each problem's path. */
  definition: definitionInput,
  source: z.enum(["designer", "import"]).default("designer"),
});

const name = z.string().trim().min(1, "Give the workflow a name.").max(120, "Keep the name under 120 characters.");
const description = z.string().trim().max(2_000, "Keep the description under 2,000 characters.").default("");
const teamIdField = z.preprocess((v) => (v === "" ? null : v), z.string().uuid("Choose a team.").nullable().default(null));

/** Where a new workflow or template goes: who owns it and who sees it. */
export const targetInput = z.object({
  name,
  description,
  visibility: z.enum(["personal", "team", "global"]).default("personal"),
  teamId: teamIdField,
});

export const createWorkflowInput = targetInput.extend({ definition: definitionInput.optional() });
export const instantiateTemplateInput = targetInput.extend({ templateId: workflowId });
export const saveAsTemplateInput = targetInput.extend({ workflowId });
export const saveAsCopyInput = targetInput.extend({ workflowId, definition: definitionInput });
export type TargetInput = z.infer<typeof targetInput>;
