import { expect, it } from "vitest";
import { schemaErrors } from "@/lib/engine/runtime/json-check";
import { preReviewGraph } from "@/db/seed-graphs";
import { runAgentTask } from "./task-agent";

it("the builtin engine reports what it received and says it runs offline", async () => {
  const out = (await runAgentTask({ role: "reviewer", prompt: "Review the change\nin detail", input: { ref: "PR-1", files: 3 } })) as Record<string, string>;
  expect(out.engine).toBe("builtin");
  expect(out.summary).toBe("reviewer received the fields ref, files for: Review the change.");
  expect(out.note).toContain("runs offline");
});

it("answers in the shape of the task's output schema, so graphs that expect one can run", async () => {
  const schema = preReviewGraph.tasks.find((t) => t.id === "review")!.outputSchema!;
  const out = await runAgentTask({ role: "reviewer", input: {}, outputSchema: schema });
  expect(schemaErrors(schema, out)).toEqual([]);
  expect(out).toMatchObject({ risk: "low", findings: [], engine: "builtin" });
  const strict = { type: "object", additionalProperties: false, required: ["score"], properties: { score: { type: "integer", minimum: 1 } } };
  const scored = await runAgentTask({ role: "grader", input: {}, outputSchema: strict });
  expect(scored).toEqual({ score: 1 });
  expect(schemaErrors(strict, scored)).toEqual([]);
});
