import { z } from "zod";
import {
  archiveItemBody,
  createItemBody,
  errorBody,
  itemDetailResponse,
  itemListResponse,
  itemResponse,
  listItemsQuery,
  meResponse,
  moveItemBody,
  moveResponse,
  updateItemBody,
} from "./schemas";
import { agentOperations } from "./openapi-agent";
import { analyticsOperations } from "./openapi-analytics";
import { catalogOperations } from "./openapi-catalog";
import { runOperations, sharedRunSchemas } from "./openapi-runs";
import { triggerOperations } from "./openapi-triggers";
import { sharedWorkflowSchemas, workflowOperations } from "./openapi-workflows";

type Json = Record<string, unknown>;
type Method = "get" | "post" | "put" | "patch" | "delete";

/** One documented operation; every body and response schema is a zod schema, never JSON typed by hand. */
export type Operation = {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  body?: { name: string; schema: z.ZodType };
  /** The body may be left out altogether. */
  bodyOptional?: boolean;
  /** `mediaType` defaults to JSON; a stream documents the schema of each message's data. */
  ok: { status: number; name: string; schema: z.ZodType; description: string; mediaType?: string };
  /** Error statuses this operation can answer with, besides 401 and 500. */
  errors: number[];
  /** What an error status means for this operation, where the general text would mislead. */
  errorText?: Partial<Record<number, string>>;
};

const idParam = (what: string) => ({ name: "id", in: "path", required: true, description: `The ${what}'s id.`, schema: { type: "string", format: "uuid" } });
const versionParam = { name: "version", in: "path", required: true, description: "A version number: 1, 2, …", schema: { type: "integer", minimum: 1 } };
const roleParam = {
  name: "roleId",
  in: "path",
  required: true,
  description: "A role's id, as the workflow's task graphs declare it (e.g. `reviewer`).",
  schema: { type: "string", minLength: 1, maxLength: 80 },
};
/** Path parameters other than `{id}`, by name. */
const namedParams: Record<string, Json> = { version: versionParam, roleId: roleParam };

/** What `{id}` names, by the path's first segment after /api/v1. */
const idOwners: Record<string, string> = {
  workflows: "workflow",
  items: "item",
  runs: "run",
  triggers: "trigger",
  agent: "session",
  agents: "agent",
  guardrails: "guardrail policy",
};

/** The path's `{…}` parameters, in order. */
function pathParameters(path: string): Json[] {
  const owner = idOwners[path.split("/")[3] ?? ""] ?? "item";
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => namedParams[name!] ?? idParam(owner));
}

const errorText: Record<number, string> = {
  400: "The body or query is not valid; `error.fields` says which field and why.",
  401: "No credentials, or an unknown, expired or revoked token.",
  403: "Visible, but you may not change it (e.g. a viewer), or a cookie request from another site.",
  404: "No such thing, or you cannot see it (the two answer alike).",
  409: "Someone changed it first (a stale `version` or `baseVersion`), or the target stage is at its WIP limit.",
  500: "Something went wrong on the server; nothing about the cause is shared.",
};

/** Every route of /api/v1 (the document itself aside). Tests check this list against app/api/v1. */
export const operations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/me",
    operationId: "getMe",
    summary: "Who the caller is",
    ok: { status: 200, name: "Me", schema: meResponse, description: "The caller's identity and team roles." },
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/workflows/{id}/items",
    operationId: "listItems",
    summary: "List a workflow's items",
    description: "Open items, newest first, filtered like the board. Archived items only with `includeArchived=true`.",
    query: listItemsQuery,
    ok: { status: 200, name: "ItemList", schema: itemListResponse, description: "A page of items." },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/api/v1/workflows/{id}/items",
    operationId: "createItem",
    summary: "Create an item",
    description: "Creates the item at the bottom of `stageId`, or of the first stage. Needs WRITE on the workflow.",
    body: { name: "CreateItemBody", schema: createItemBody },
    ok: { status: 201, name: "Item", schema: itemResponse, description: "The new item; `Location` names it." },
    errors: [400, 403, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/items/{id}",
    operationId: "getItem",
    summary: "Get an item with its history and comments",
    ok: { status: 200, name: "ItemDetail", schema: itemDetailResponse, description: "The item, its stage, its transitions and comments." },
    errors: [404],
  },
  {
    method: "patch",
    path: "/api/v1/items/{id}",
    operationId: "updateItem",
    summary: "Edit an item's fields",
    description: "Only the fields sent change. Send `version` to refuse overwriting a newer change. To archive, use `/archive`.",
    body: { name: "UpdateItemBody", schema: updateItemBody },
    ok: { status: 200, name: "Item", schema: itemResponse, description: "The item after the edit." },
    errors: [400, 403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/items/{id}/move",
    operationId: "moveItem",
    summary: "Move an item to a stage or place",
    description: "Appends a transition when the stage changes. `afterId` null puts it on top, omitted at the bottom.",
    body: { name: "MoveItemBody", schema: moveItemBody },
    ok: { status: 200, name: "MoveResult", schema: moveResponse, description: "The moved item and the transition recorded." },
    errors: [400, 403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/items/{id}/archive",
    operationId: "archiveItem",
    summary: "Archive or restore an item",
    description: "Archived items leave the board and keep their history. Restoring respects the stage's WIP limit.",
    body: { name: "ArchiveItemBody", schema: archiveItemBody },
    ok: { status: 200, name: "Item", schema: itemResponse, description: "The item after the change." },
    errors: [400, 403, 404, 409],
  },
  ...workflowOperations,
  ...runOperations,
  ...triggerOperations,
  ...agentOperations,
  ...analyticsOperations,
  ...catalogOperations,
];

/**
 * Routes under /api/v1 that serve this app's own board page (UI-shaped JSON and SSE; tokens work too) and are not
 * (yet) a documented contract for programs. The OpenAPI test fails on any route in neither list.
 */
export const internalRoutes = ["GET /api/v1/workflows/{id}/board", "GET /api/v1/workflows/{id}/events", "GET /api/v1/openapi.json"];

/** Drops what OpenAPI readers do not need from zod's output: per-schema `$schema`/`$id`, uuid regexes. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (!value || typeof value !== "object") return value;
  const obj = value as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === "$schema" || k === "$id") continue;
    if (k === "pattern" && obj.format === "uuid") continue;
    out[k] = tidy(v);
  }
  return out;
}

/** Named schemas for one direction: request bodies as input (before transforms), responses as output. */
function componentSchemas(entries: { name: string; schema: z.ZodType }[], io: "input" | "output"): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const e of entries) if (!registry.has(e.schema)) registry.add(e.schema, { id: e.name });
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  return tidy(schemas) as Record<string, Json>;
}

function queryParameters(query: z.ZodObject): Json[] {
  const schema = tidy(z.toJSONSchema(query, { io: "input", unrepresentable: "any" })) as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return { name, in: "query", required: schema.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function operationDoc(op: Operation): Json {
  const params = [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])];
  const responses: Json = { [op.ok.status]: { description: op.ok.description, content: { [op.ok.mediaType ?? "application/json"]: { schema: ref(op.ok.name) } } } };
  for (const status of [...op.errors, 401, 500].sort((a, b) => a - b)) {
    responses[status] = { description: op.errorText?.[status] ?? errorText[status], content: { "application/json": { schema: ref("Error") } } };
  }
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body ? { requestBody: { required: !op.bodyOptional, content: { "application/json": { schema: ref(op.body.name) } } } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers parse with,
 * so the documented bodies are exactly the accepted ones.
 */
export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationDoc(op);
  const bodies = operations.flatMap((op) => (op.body ? [op.body] : []));
  const responses = [...operations.map((op) => op.ok), ...sharedWorkflowSchemas, ...sharedRunSchemas, { name: "Error", schema: errorBody }];
  return {
    openapi: "3.1.0",
    info: {
      title: "Tandem API",
      version: "1",
      description:
        "Workflows, stages, work items and runs. Authenticate with a personal access token from Settings → API tokens: `Authorization: Bearer tdm_…`. Errors are `{ error: { code, message, fields? } }`.",
    },
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A personal access token (tdm_…)." } },
      schemas: { ...componentSchemas(bodies, "input"), ...componentSchemas(responses, "output") },
    },
  };
}
