import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { runs, taskRuns } from "@/db/schema";
import { chain, graph, task } from "../testing";
import { automationWorkflow, describeEngine, eventTypes, spyExecutor, startTestRun, taskStatuses, waitForRun } from "./testing";

const spy = spyExecutor(({ taskKey, input }) => ({ from: taskKey, got: input }));

describeEngine(
  "a sequence of three tasks",
  (h) => {
    it("runs each task once, in order, passing outputs on through references", async () => {
      const g = graph(
        [
          task("fetch", { executor: { kind: "agent", role: "fetcher" }, input: { url: "{{run.input.url}}" } }),
          task("summarize", { executor: { kind: "agent", role: "writer" }, input: { text: "{{previous_output.got.url}}" } }),
          task("publish", { executor: { kind: "agent", role: "publisher" }, input: { summary: "{{previous_output.from}}" } }),
        ],
        chain("fetch", "summarize", "publish"),
      );
      const w = await automationWorkflow(h.db(), g);
      const run = await startTestRun(h.db(), w, { url: "https://example.test/a" });
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("completed");
      expect(await taskStatuses(h.db(), run.id)).toEqual({ fetch: "completed", publish: "completed", summarize: "completed" });
      const mine = spy.of(run.id);
      expect(mine.map((c) => c.taskKey)).toEqual(["fetch", "summarize", "publish"]);
      expect(mine.map((c) => c.input)).toEqual([{ url: "https://example.test/a" }, { text: "https://example.test/a" }, { summary: "summarize" }]);
      expect(done.output).toEqual({ from: "publish", got: { summary: "summarize" } });
      const [stored] = await h.db().select().from(taskRuns).where(and(eq(taskRuns.runId, run.id), eq(taskRuns.taskKey, "summarize")));
      expect(stored!.attempt).toBe(1);
      expect(stored!.input).toEqual({ text: "https://example.test/a" });
      const types = await eventTypes(h.db(), [run.id]);
      expect(types[0]).toBe("run.created");
      expect(types.at(-1)).toBe("run.completed");
      expect(types.filter((t) => t.startsWith("task.completed"))).toEqual(["task.completed:fetch", "task.completed:summarize", "task.completed:publish"]);
      const [row] = await h.db().select().from(runs).where(eq(runs.id, run.id));
      expect(row!.lastSeq).toBe(types.length);
    });
  },
  { executors: { agent: spy.fn } },
);
