import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

type Op = { parameters?: { name: string; in: string; description?: string }[]; responses: Record<string, unknown> };
const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Op>> };

describe("the OpenAPI document's catalog operations", () => {
  it("names each path parameter: a role is `roleId`, beside the workflow's `id`", () => {
    const bind = doc.paths["/api/v1/workflows/{id}/agents/{roleId}"]!;
    for (const op of [bind.put!, bind.delete!]) {
      expect(op.parameters!.map((p) => [p.name, p.in, p.description])).toEqual([
        ["id", "path", "The workflow's id."],
        ["roleId", "path", "A role's id, as the workflow's task graphs declare it (e.g. `reviewer`)."],
      ]);
    }
    expect(doc.paths["/api/v1/agents/{id}"]!.put!.parameters![0]!.description).toBe("The agent's id.");
    expect(doc.paths["/api/v1/guardrails/{id}"]!.delete!.parameters![0]!.description).toBe("The guardrail policy's id.");
  });

  it("documents a stale agent edit and a decision with nothing waiting as 409", () => {
    expect(doc.paths["/api/v1/agents/{id}"]!.put!.responses).toHaveProperty("409");
    expect(doc.paths["/api/v1/runs/{id}/agent-decisions"]!.post!.responses).toHaveProperty("409");
  });
});
