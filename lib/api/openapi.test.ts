import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { internalRoutes, openApiDocument } from "./openapi";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, unknown>; security?: unknown }>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>; securitySchemes: Record<string, unknown> };
  security: unknown[];
};

const doc = openApiDocument() as unknown as Doc;
const apiRoot = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every (METHOD path) that app/api/v1 serves, read from the route files themselves. */
function servedRoutes(dir = apiRoot, prefix = "/api/v1"): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...servedRoutes(full, `${prefix}/${entry.name.replace(/^\[(\w+)\]$/, "{$1}")}`));
    else if (entry.name === "route.ts") {
      for (const m of readFileSync(full, "utf8").matchAll(/export (?:async )?function (GET|POST|PATCH|PUT|DELETE)\b/g)) out.push(`${m[1]} ${prefix}`);
    }
  }
  return out;
}

const schemaOf = (ref: string) => doc.components.schemas[ref.replace("#/components/schemas/", "")]!;

describe("the OpenAPI document", () => {
  it("documents every route app/api/v1 serves, and nothing else", () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const served = servedRoutes().filter((r) => !internalRoutes.includes(r));
    expect(served).toContain("POST /api/v1/items/{id}/move");
    expect(documented.sort()).toEqual(served.sort());
  });

  it("is OpenAPI 3.1 with bearer authentication", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it("describes the move body from the zod schema: toStageId required, strict, no id", () => {
    const ref = doc.paths["/api/v1/items/{id}/move"]!.post!.requestBody!.content["application/json"]!.schema.$ref;
    const body = schemaOf(ref) as { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(body.required).toEqual(["toStageId"]);
    expect(Object.keys(body.properties).sort()).toEqual(["afterId", "reason", "toStageId", "version"]);
    expect(body.properties.toStageId).toEqual({ type: "string", format: "uuid" });
    expect(body.additionalProperties).toBe(false);
  });

  it("documents request bodies as input, with the create body's defaults and item data as object or text", () => {
    const create = doc.components.schemas.CreateItemBody as { required: string[]; properties: Record<string, { default?: unknown; anyOf?: unknown[] }> };
    expect(create.required).toEqual(["title"]);
    expect(create.properties.priority!.default).toBe("none");
    expect(create.properties.data!.anyOf).toHaveLength(2);
  });

  it("gives every operation the error schema for 401 and 500, and resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(schemaOf(JSON.parse(ref)), ref).toBeDefined();
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        for (const status of ["401", "500"]) expect(JSON.stringify(op.responses[status]), `${p} ${status}`).toContain("#/components/schemas/Error");
      }
    }
    expect(doc.components.schemas.Error!.required).toEqual(["error"]);
    expect(doc.paths["/api/v1/items/{id}/move"]!.post!.responses).toHaveProperty("409");
  });
});
