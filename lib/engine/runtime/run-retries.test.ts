import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { taskRuns } from "@/db/schema";
import { TaskError } from "../executors/types";
import { graph, task } from "../testing";
import { automationWorkflow, describeEngine, eventTypes, spyExecutor, startTestRun, waitForRun } from "./testing";
import { runEvents } from "@/db/schema";

/** `flaky-N` fails its first N attempts; `fatal` fails without retry; `broken` always fails. */
const spy = spyExecutor(({ taskKey, attempt }) => {
  if (taskKey.startsWith("flaky") && attempt <= Number(taskKey.split("-")[1])) throw new Error(`upstream busy (attempt ${attempt})`);
  if (taskKey === "fatal") throw new TaskError("bad credentials", { retryable: false });
  if (taskKey === "broken") throw new Error("always down");
  return { ok: attempt };
});
const retry = { maxAttempts: 3, backoff: "exponential" as const, initialDelayMs: 20 };
const one = (key: string) => graph([task(key, { executor: { kind: "agent", role: "worker" }, retry })]);
const taskRow = async (h: { db: () => import("@/db/client").Db }, runId: string, key: string) =>
  (await h.db().select().from(taskRuns).where(and(eq(taskRuns.runId, runId), eq(taskRuns.taskKey, key))))[0]!;

describeEngine(
  "retries with exponential backoff",
  (h) => {
    it("retries a failing task until it succeeds, doubling the delay", async () => {
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), one("flaky-2")));
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      expect(spy.of(run.id).map((c) => c.attempt)).toEqual([1, 2, 3]);
      expect(await taskRow(h, run.id, "flaky-2")).toMatchObject({ status: "completed", attempt: 3, output: { ok: 3 } });
      const retrying = (await h.db().select().from(runEvents).where(and(eq(runEvents.runId, run.id), eq(runEvents.type, "task.retrying")))).map((e) => e.payload);
      expect(retrying).toEqual([
        { attempt: 1, delayMs: 20, error: "upstream busy (attempt 1)" },
        { attempt: 2, delayMs: 40, error: "upstream busy (attempt 2)" },
      ]);
    });

    it("fails the task and the run when the attempts run out", async () => {
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), one("broken")));
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("failed");
      expect(done.error).toBe("Task “Broken” failed: always down");
      expect(spy.of(run.id)).toHaveLength(3);
      expect((await eventTypes(h.db(), [run.id])).filter((t) => t.startsWith("task.failed"))).toEqual(["task.failed:broken"]);
    });

    it("does not retry a failure the executor calls permanent", async () => {
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), one("fatal")));
      expect((await waitForRun(h.db(), run.id)).status).toBe("failed");
      expect(spy.of(run.id)).toHaveLength(1);
      expect((await taskRow(h, run.id, "fatal")).error).toBe("bad credentials");
    });
  },
  { executors: { agent: spy.fn } },
);
