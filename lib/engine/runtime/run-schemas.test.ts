import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { taskRuns } from "@/db/schema";
import { DEFAULT_RETRY } from "../graph-schema";
import { chain, graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, waitForRun } from "./testing";

const spy = spyExecutor(({ input }) => ({ score: (input as { score: unknown }).score }));
const once = { ...DEFAULT_RETRY, maxAttempts: 1 };
const scoreSchema = { type: "object", properties: { score: { type: "number" } }, required: ["score"] };

const g = graph(
  [
    task("grade", { executor: { kind: "agent", role: "grader" }, input: { score: "{{run.input.score}}" }, outputSchema: scoreSchema, retry: once }),
    task("next", { executor: { kind: "agent", role: "next" }, input: { score: "{{previous_output.score}}" }, inputSchema: scoreSchema, retry: once }),
  ],
  chain("grade", "next"),
);

describeEngine(
  "input and output checked against JSON Schemas",
  (h) => {
    it("passes conforming values through", async () => {
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), g), { score: 8 });
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
    });

    it("fails a task whose output breaks its schema, with the schema errors, and never starts the next", async () => {
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), g), { score: "high" });
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("failed");
      const [grade] = await h.db().select().from(taskRuns).where(and(eq(taskRuns.runId, run.id), eq(taskRuns.taskKey, "grade")));
      expect(grade!.status).toBe("failed");
      expect(grade!.error).toContain("does not match the task's output schema: /score must be number");
      expect(grade!.errorDetails).toMatchObject({ schemaErrors: ["/score must be number"] });
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["grade"]);
    });

    it("fails a task whose rendered input breaks its input schema before its executor is called", async () => {
      const loose = graph(
        [
          task("grade", { executor: { kind: "agent", role: "grader" }, input: { score: "{{run.input.score}}" }, retry: once }),
          task("next", { executor: { kind: "agent", role: "next" }, input: { score: "{{previous_output.score}}" }, inputSchema: scoreSchema, retry: once }),
        ],
        chain("grade", "next"),
      );
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), loose), { score: "high" });
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("failed");
      expect(done.error).toContain("“Next” failed: The input does not match the task's input schema");
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["grade"]);
    });
  },
  { executors: { agent: spy.fn } },
);
