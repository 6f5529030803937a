import { expect, it } from "vitest";
import { chain, graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, waitForRun } from "./testing";
import { eq, and } from "drizzle-orm";
import { taskRuns } from "@/db/schema";

const spy = spyExecutor(({ taskKey, iteration }) => (taskKey === "draft" ? { quality: iteration * 3, pass: iteration } : { published: true }));

const loopGraph = (maxIterations: number) =>
  graph(
    [
      task("draft", {
        executor: { kind: "agent", role: "writer" },
        loop: { until: { left: "{{output.quality}}", op: "greater_than", value: 7 }, maxIterations },
      }),
      task("publish", { executor: { kind: "agent", role: "publisher" }, input: { text: "{{previous_output.pass}}" } }),
    ],
    chain("draft", "publish"),
  );

describeEngine(
  "a task that loops until its output is good enough",
  (h) => {
    it("runs again until the condition holds, then hands the last output on", async () => {
      const w = await automationWorkflow(h.db(), loopGraph(5));
      const run = await startTestRun(h.db(), w);
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      expect(spy.of(run.id).map((c) => `${c.taskKey}#${c.iteration}`)).toEqual(["draft#1", "draft#2", "draft#3", "publish#1"]);
      expect(spy.of(run.id).at(-1)!.input).toEqual({ text: 3 });
      const [draft] = await h.db().select().from(taskRuns).where(and(eq(taskRuns.runId, run.id), eq(taskRuns.taskKey, "draft")));
      expect(draft).toMatchObject({ status: "completed", iteration: 3, output: { quality: 9, pass: 3 } });
    });

    it("fails the task when the maximum passes without the condition holding", async () => {
      const w = await automationWorkflow(h.db(), loopGraph(2));
      const run = await startTestRun(h.db(), w);
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("failed");
      expect(done.error).toContain("ran 2 times without meeting its loop condition");
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["draft", "draft"]);
    });
  },
  { executors: { agent: spy.fn } },
);
