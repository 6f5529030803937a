import { z } from "zod";
import { VERSION_SOURCES } from "@/db/schema/workflows";
import { EXECUTOR_KINDS, retrySchema } from "@/lib/engine/graph-schema";
import { STAGE_TYPES, definitionSchema } from "@/lib/workflows/definition";
import { TANDEM_FORMAT, TANDEM_FORMAT_VERSION } from "@/lib/workflows/io";
import { createWorkflowInput, instantiateTemplateInput, saveDefinitionInput } from "@/lib/workflows/schemas";

/*
 * REST shapes of workflows, definitions, versions and templates (see schemas.ts for the conventions).
 * Request bodies are the domain's inputs minus the path's ids, made strict.
 */

/** The component name under which the OpenAPI document holds `definitionSchema` (openapi.ts registers it). */
export const DEFINITION_COMPONENT = "WorkflowDefinition";

/**
 * A definition in a request body. The domain parses it (not this schema), so every problem, structural or
 * not, comes back keyed by its path inside the definition ("stages.1.name"), as in the designer. The
 * document still shows the definition's full schema, by reference.
 */
const definitionField = saveDefinitionInput.shape.definition.meta({
  $ref: `#/components/schemas/${DEFINITION_COMPONENT}`,
  description: "The whole definition: stages in board order, each with its settings and task graph.",
});

export const saveDefinitionBody = z
  .object({
    baseVersion: saveDefinitionInput.shape.baseVersion.describe("The version your changes are based on; if someone saved since, the save is a 409."),
    definition: definitionField,
  })
  .strict();

export const createWorkflowBody = createWorkflowInput.extend({ definition: definitionField.optional() }).strict();
export const instantiateTemplateBody = instantiateTemplateInput.strict();
/** The documented body of POST /workflows; the handler picks the shape by the presence of `templateId`. */
export const newWorkflowBody = z.union([createWorkflowBody, instantiateTemplateBody]);

/** Documents the import body: the file as it is, read as text by the handler (not parsed by this schema). */
export const importFileBody = z
  .looseObject({})
  .describe("The file to import, as it is: a Tandem export (`format: \"tandem.workflow\"`) or a workflow descriptor (a `tasks` list, possibly wrapped in `{payload: {definition}}`).");

export const definitionQuery = z.object({
  format: z
    .enum(["json", "tandem", "descriptor"], { error: 'Use "json", "tandem" or "descriptor".' })
    .optional()
    .default("json")
    .describe('"json" (the default) answers the definition; "tandem" downloads a Tandem export file; "descriptor" downloads one stage as a workflow descriptor.'),
  stageId: z.string().uuid("That is not a stage id.").optional().describe('With format "descriptor": the automated stage to export.'),
});

export const importQuery = z.object({
  baseVersion: z.coerce
    .number({ error: "Say which version the import is based on (baseVersion)." })
    .int("A version is a whole number.")
    .min(1, "Say which version the import is based on (baseVersion).")
    .describe("The version the import is based on; if someone saved since, the import is a 409."),
  stageId: z
    .string()
    .uuid("That is not a stage id.")
    .optional()
    .describe("For a workflow descriptor: the automation or agent-assist stage whose task graph it replaces. Without it, the descriptor is added as a new automation stage."),
});

export const templatesQuery = z.object({
  visibility: z.enum(["personal", "team", "global"], { error: 'Use "personal", "team" or "global".' }).optional().describe("Only templates shared this way."),
});

const id = z.string().uuid();
const at = z.iso.datetime();
const version = z.number().int().min(1);
const visibility = z.enum(["personal", "team", "global"]);

export const definitionResponse = z.object({
  workflowId: id,
  version: version.describe("The latest version; send it back as `baseVersion` when saving."),
  savedAt: at,
  savedByName: z.string().nullable(),
  definition: definitionSchema,
});

export const savedDefinitionResponse = z.object({
  version: version.describe("The new version."),
  definition: definitionSchema.describe("The definition as stored (stage ids that belonged to another workflow are replaced)."),
});

const versionSummary = z.object({
  version,
  source: z.enum(VERSION_SOURCES).describe("How the version was made."),
  createdAt: at,
  createdByName: z.string().nullable(),
});
export const versionListResponse = z.object({ versions: z.array(versionSummary).describe("Newest first.") });
export const versionResponse = versionSummary.extend({ definition: definitionSchema });

export const workflowResponse = z.object({
  id,
  name: z.string(),
  description: z.string(),
  ownerUserId: id,
  ownerTeamId: id.nullable(),
  visibility,
  isTemplate: z.boolean(),
  templateOf: id.nullable().describe("The template (or workflow) it was made from."),
  version,
  createdAt: at,
  updatedAt: at,
  archivedAt: at.nullable(),
});

export const templateListResponse = z.object({
  templates: z.array(
    z.object({
      id,
      name: z.string(),
      description: z.string(),
      visibility,
      teamName: z.string().nullable(),
      ownerName: z.string(),
      stages: z.array(z.object({ name: z.string(), type: z.enum(STAGE_TYPES) })).describe("The stage pipeline, in board order."),
    }),
  ),
});

/** The Tandem export file (`format=tandem`). */
export const tandemFileResponse = z.object({
  format: z.literal(TANDEM_FORMAT),
  formatVersion: z.literal(TANDEM_FORMAT_VERSION),
  name: z.string(),
  description: z.string(),
  version,
  exportedAt: at,
  definition: definitionSchema,
});

/** The workflow descriptor file (`format=descriptor`): one stage's graph, without edge conditions or loops. */
export const descriptorFileResponse = z.object({
  id: z.string(),
  version: z.string(),
  displayName: z.string(),
  timeoutMs: z.number().nullable().describe("The stage's run timeout: how long a whole run of the tasks may take; null for none."),
  roles: z.array(z.object({ roleId: z.string(), displayName: z.string(), personaCapabilityRequirements: z.array(z.string()) })),
  policyTags: z.array(z.string()).describe("Guardrail policies (by tag) for every agent call of a run of the stage."),
  budget: z.object({ maxCostUsd: z.number().nullable(), maxTokens: z.number().nullable() }).nullable().describe("A limit on the agent spend of one run; null for none."),
  tasks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      executor: z.looseObject({ type: z.enum(EXECUTOR_KINDS), roleId: z.string().optional() }).describe("`type` is the executor kind; its other fields sit beside it."),
      dependsOn: z.array(z.string()),
      inputSchema: z.record(z.string(), z.unknown()).nullable(),
      outputSchema: z.record(z.string(), z.unknown()).nullable(),
      policyTags: z.array(z.string()),
      budget: z.object({ maxCostUsd: z.number().nullable(), maxTokens: z.number().nullable() }).optional().describe("A limit on the task's agent spend; absent for none."),
      retry: retrySchema,
      timeoutMs: z.number().nullable(),
      input: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** GET …/definition answers one of three shapes, by `format`. */
export const definitionOrFileResponse = z.union([definitionResponse, tandemFileResponse, descriptorFileResponse]);
