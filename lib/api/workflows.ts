import { NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { exportWorkflowFile } from "@/lib/workflows/export";
import { importIntoWorkflow } from "@/lib/workflows/import";
import { MAX_IMPORT_BYTES } from "@/lib/workflows/io";
import { listTemplates } from "@/lib/workflows/queries";
import { workflowId as workflowIdSchema } from "@/lib/workflows/schemas";
import { createWorkflow, instantiateTemplate } from "@/lib/workflows/templates";
import { getVersion, listVersions, loadDefinition, saveDefinition } from "@/lib/workflows/versions";
import { type ApiContext, handleApi, parseBody, parseQuery, readJson, readText } from "./core";
import { createSequentialWorkflow } from "./sequential";
import { sequentialWorkflowBody } from "./workflow-run-schemas";
import { createWorkflowBody, definitionQuery, importQuery, instantiateTemplateBody, saveDefinitionBody, templatesQuery } from "./workflow-schemas";

/*
 * The workflow routes of /api/v1: definitions (read, save, export, import), versions, new workflows and
 * the template list. Like items.ts, each handler parses the request and calls one domain function.
 */

/** Definitions and import files may be as large as an import file (2 MB), past the usual 256 KB body cap. */
const LARGE_BODY_CHARS = MAX_IMPORT_BYTES;

/**
 * A path id that is not a UUID answers like a missing workflow. Only the write paths need this: there the
 * domain validates its input (a malformed id would be a 400) before it looks the workflow up.
 */
function pathWorkflowId(id: string): string {
  if (!workflowIdSchema.safeParse(id).success) throw new NotFound("Workflow");
  return id;
}

/** A JSON file download: pretty-printed, as the designer's own export saves it. */
function download(fileName: string, content: unknown): Response {
  return new Response(JSON.stringify(content, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
}

/** GET /api/v1/workflows/{id}/definition: the latest definition; `format=tandem|descriptor` downloads it as a file. */
export function getDefinitionRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { format, stageId } = parseQuery(req, definitionQuery);
    if (format !== "json") {
      const file = await exportWorkflowFile(db, actor, { workflowId, format, stageId });
      return download(file.fileName, file.content);
    }
    const latest = await loadDefinition(db, actor, workflowId);
    return Response.json({
      workflowId: latest.workflow.id,
      version: latest.version,
      savedAt: latest.createdAt,
      savedByName: latest.createdByName,
      definition: latest.definition,
    });
  });
}

/** PUT /api/v1/workflows/{id}/definition: saves the next version; a stale `baseVersion` is a 409. */
export function saveDefinitionRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const id = pathWorkflowId(workflowId);
    const body = await parseBody(req, saveDefinitionBody, LARGE_BODY_CHARS);
    const saved = await saveDefinition(db, actor, { ...body, workflowId: id });
    return Response.json({ version: saved.version, definition: saved.definition });
  });
}

/** POST /api/v1/workflows/{id}/import: the raw file as the body; saved as the next version, or every problem listed. */
export function importRoute(ctx: ApiContext, req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { baseVersion, stageId } = parseQuery(req, importQuery);
    const text = await readText(req, LARGE_BODY_CHARS);
    const saved = await importIntoWorkflow(db, actor, { workflowId, baseVersion, text, stageId });
    return Response.json({ version: saved.version, definition: saved.definition });
  });
}

/** GET /api/v1/workflows/{id}/versions: every version, newest first, with who made it and how. */
export function listVersionsRoute(ctx: ApiContext, _req: Request, workflowId: string) {
  return handleApi(ctx, async (actor, db) => {
    const { versions } = await listVersions(db, actor, workflowId);
    return Response.json({ versions });
  });
}

/** GET /api/v1/workflows/{id}/versions/{version}: one version with its definition. */
export function getVersionRoute(ctx: ApiContext, _req: Request, workflowId: string, version: string) {
  return handleApi(ctx, async (actor, db) => {
    if (!/^\d{1,9}$/.test(version)) throw new NotFound("That version");
    const v = await getVersion(db, actor, workflowId, Number(version));
    return Response.json({ version: v.version, source: v.source, createdAt: v.createdAt, createdByName: v.createdByName, definition: v.definition });
  });
}

/** Which of its shapes a POST /workflows body is: by `templateId`, by `tasks` (the sequential list), else a create. */
function newWorkflowShape(body: unknown): "template" | "sequential" | "create" {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "create";
  if ("templateId" in body) return "template";
  return "tasks" in body ? "sequential" : "create";
}

/**
 * POST /api/v1/workflows: a new workflow, blank or from a definition, from a template (`templateId`), or
 * from a plain sequential list of agent steps (`tasks`), which answers in that shape's own terms.
 */
export function createWorkflowRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const body = await readJson(req, LARGE_BODY_CHARS);
    const shape = newWorkflowShape(body);
    if (shape === "sequential") {
      const data = parseInput(sequentialWorkflowBody, body);
      const wf = await createSequentialWorkflow(db, actor, data);
      return Response.json(
        { workflow_id: wf.id, name: wf.name, status: "pending", task_count: data.tasks.length },
        { status: 201, headers: { Location: `/api/v1/workflows/${wf.id}` } },
      );
    }
    const wf =
      shape === "template"
        ? await instantiateTemplate(db, actor, parseInput(instantiateTemplateBody, body))
        : await createWorkflow(db, actor, parseInput(createWorkflowBody, body));
    return Response.json(wf, { status: 201, headers: { Location: `/api/v1/workflows/${wf.id}/definition` } });
  });
}

/** GET /api/v1/templates: the templates the caller can see, optionally of one visibility, with their stages. */
export function listTemplatesRoute(ctx: ApiContext, req: Request) {
  return handleApi(ctx, async (actor, db) => {
    const { visibility } = parseQuery(req, templatesQuery);
    const rows = await listTemplates({ db, actor, visibility });
    return Response.json({
      templates: rows.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        visibility: t.visibility,
        teamName: t.teamName,
        ownerName: t.ownerName,
        stages: t.stages,
      })),
    });
  });
}
