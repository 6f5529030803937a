import { definitionSchema } from "@/lib/workflows/definition";
import type { Operation } from "./openapi";
import {
  DEFINITION_COMPONENT,
  definitionOrFileResponse,
  definitionQuery,
  definitionResponse,
  descriptorFileResponse,
  importFileBody,
  importQuery,
  saveDefinitionBody,
  savedDefinitionResponse,
  tandemFileResponse,
  templateListResponse,
  templatesQuery,
  versionListResponse,
  versionResponse,
} from "./workflow-schemas";
import { anyNewWorkflowBody, anyNewWorkflowResponse } from "./workflow-run-schemas";

/** The documented workflow operations: definitions, import/export, versions, new workflows, templates. */
export const workflowOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/workflows/{id}/definition",
    operationId: "getDefinition",
    summary: "Get a workflow's latest definition, or download it",
    description:
      "Without `format` (or `format=json`): the latest definition and its version. `format=tandem` downloads the whole workflow as a Tandem export file; `format=descriptor&stageId=…` downloads one automated stage's task graph as a workflow descriptor (400 if that stage is not in the definition or has no task graph). Downloads come with `Content-Disposition: attachment`.",
    query: definitionQuery,
    ok: { status: 200, name: "DefinitionOrFile", schema: definitionOrFileResponse, description: "The definition (`Definition`), or the file (`TandemExport`, `WorkflowDescriptor`)." },
    errors: [400, 404],
  },
  {
    method: "put",
    path: "/api/v1/workflows/{id}/definition",
    operationId: "saveDefinition",
    summary: "Save a definition as the next version",
    description:
      "Versions are immutable: a save makes the next one. If someone saved after `baseVersion`, nothing is saved (409, naming who). An invalid definition lists every problem in `error.fields`, keyed by its path in the definition (`stages.1.taskGraph.tasks.0.executor.role`). A stage that still holds items cannot be dropped. Bodies up to 2 MB. Needs WRITE on the workflow.",
    body: { name: "SaveDefinitionBody", schema: saveDefinitionBody },
    ok: { status: 200, name: "SavedDefinition", schema: savedDefinitionResponse, description: "The new version and the definition as stored." },
    errors: [400, 403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/workflows/{id}/import",
    operationId: "importIntoWorkflow",
    summary: "Import a file as the next version",
    description:
      "Send the file as it is (up to 2 MB). A Tandem export replaces the whole definition. A workflow descriptor replaces the task graph of `stageId` (an automation or agent-assist stage), or without `stageId` is added as a new automation stage named after it. A refused file changes nothing: `error.fields` lists every problem at its path in the file (`_` for the file as a whole). Needs WRITE on the workflow.",
    query: importQuery,
    body: { name: "ImportFile", schema: importFileBody },
    ok: { status: 200, name: "SavedDefinition", schema: savedDefinitionResponse, description: "The new version and the definition as stored." },
    errors: [400, 403, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/workflows/{id}/versions",
    operationId: "listVersions",
    summary: "List a workflow's versions",
    ok: { status: 200, name: "VersionList", schema: versionListResponse, description: "Every version, newest first, with who made it and how." },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/workflows/{id}/versions/{version}",
    operationId: "getVersion",
    summary: "Get one version of a workflow",
    ok: { status: 200, name: "Version", schema: versionResponse, description: "The version with its definition." },
    errors: [404],
  },
  {
    method: "post",
    path: "/api/v1/workflows",
    operationId: "createWorkflow",
    summary: "Create a workflow, blank, from a definition, from a template, or from a sequential list of agent steps",
    description:
      "With `templateId`: a new workflow from that template's latest stages and task graphs. With `tasks` (`{name, tasks: [{agent, input}]}`): an automation stage \"Run\" doing the steps one after another (inputs may use `{{previous_output}}`), then a human stage \"Done\"; the answer is `{workflow_id, name, status, task_count}` and `POST /api/v1/workflows/{id}/execute` runs it; a problem in a step is keyed `tasks.<index>…`. Otherwise a blank workflow (three stages), or `definition` as its version 1. Personal by default; `team` (or, for `tasks`, a `teamId`) needs write access to that team's workflows; `global` needs an instance admin.",
    body: { name: "NewWorkflowBody", schema: anyNewWorkflowBody },
    ok: { status: 201, name: "NewWorkflow", schema: anyNewWorkflowResponse, description: "The new workflow (`Workflow`, or `SequentialWorkflowCreated` for `tasks`); `Location` names it." },
    errors: [400, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/templates",
    operationId: "listTemplates",
    summary: "List the templates you can see",
    query: templatesQuery,
    ok: { status: 200, name: "TemplateList", schema: templateListResponse, description: "Templates, newest first, each with its stage pipeline." },
    errors: [400],
  },
];

/** Schemas named once and referenced wherever they appear (the definition, in requests and responses alike). */
export const sharedWorkflowSchemas = [
  { name: DEFINITION_COMPONENT, schema: definitionSchema },
  { name: "Definition", schema: definitionResponse },
  { name: "TandemExport", schema: tandemFileResponse },
  { name: "WorkflowDescriptor", schema: descriptorFileResponse },
];
