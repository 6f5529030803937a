import { describe, expect, it } from "vitest";
import { validateTaskGraph } from "./graph";
import type { Task } from "./graph-schema";
import { describeIssues, graph, task } from "./testing";

const issuesOf = (over: Partial<Task>) => describeIssues(validateTaskGraph(graph([task("review", over)])));

describe("invalid JSON Schemas", () => {
  it("reports a wrong keyword value with its path", () => {
    expect(issuesOf({ outputSchema: { type: "object", properties: { score: { type: "numbr" } } } })).toEqual([
      "review outputSchema: Output schema of “Review” is not a valid JSON Schema: /properties/score/type must be equal to one of the allowed values",
    ]);
  });

  it("reports a pattern that is not a regular expression (found when compiling)", () => {
    const [line] = issuesOf({ inputSchema: { type: "object", properties: { id: { type: "string", pattern: "[" } } } });
    expect(line).toMatch(/^review inputSchema: Input schema of “Review” is not a valid JSON Schema: .*regular expression/i);
  });

  it("reports a reference it cannot resolve", () => {
    expect(issuesOf({ outputSchema: { $ref: "https://example.com/other.json" } })[0]).toMatch(/^review outputSchema: .*can't resolve reference/);
  });

  it("accepts valid schemas, unknown formats and the same $id on two tasks", () => {
    const schema = { $id: "https://example.com/s", type: "object", properties: { email: { type: "string", format: "email" } } };
    const g = graph([task("a", { outputSchema: schema }), task("b", { inputSchema: structuredClone(schema), input: {} })], [{ from: "a", to: "b", condition: null }]);
    expect(validateTaskGraph(g)).toEqual([]);
    expect(validateTaskGraph(g)).toEqual([]);
  });

  it("gives the same verdict when the schema is seen again (cached by its text)", () => {
    const bad = { type: "object", required: "x" };
    expect(issuesOf({ outputSchema: bad })).toEqual(issuesOf({ outputSchema: structuredClone(bad) }));
    expect(issuesOf({ outputSchema: bad })).toHaveLength(1);
  });
});

describe("input required by the input schema", () => {
  it("reports each required key the input does not map, on input.<key>", () => {
    const inputSchema = { type: "object", required: ["diff", "ref"], properties: { diff: { type: "string" }, ref: { type: "string" } } };
    expect(issuesOf({ inputSchema, input: { ref: "{{item.data.ref}}" } })).toEqual([
      "review input.diff: Input of “Review” is missing “diff”, which its input schema requires.",
    ]);
    expect(issuesOf({ inputSchema, input: { ref: "main", diff: "" } })).toEqual([]);
  });
});
