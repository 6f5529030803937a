import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { taskRuns } from "@/db/schema";
import { chain, graph, task } from "../testing";
import { completeTask } from "./complete";
import { recoverLostTasks } from "./recovery";
import { automationWorkflow, describeEngine, eventTypes, spyExecutor, startTestRun, waitForRun, waitForTask } from "./testing";

/** The first call of each run never returns: its worker "dies" holding the task. */
const stuck = new Set<string>();
const spy = spyExecutor(({ runId, taskKey }) => {
  if (taskKey === "a" && !stuck.has(runId)) {
    stuck.add(runId);
    return new Promise(() => {});
  }
  return { ran: taskKey };
});

describeEngine(
  "recovery of a task whose worker stopped",
  (h) => {
    it("queues a running task again once its lease passes; the lost attempt can no longer complete it", async () => {
      const g = graph([task("a", { executor: { kind: "agent", role: "a" } }), task("b", { executor: { kind: "agent", role: "b" } })], chain("a", "b"));
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), g));
      const first = await waitForTask(h.db(), run.id, "a", ["running"]);
      expect(await recoverLostTasks(h.db())).toBe(0);
      await h.db().update(taskRuns).set({ leaseUntil: new Date(Date.now() - 1_000) }).where(eq(taskRuns.id, first.id));
      expect(await recoverLostTasks(h.db())).toBe(1);
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      const [a] = await h.db().select().from(taskRuns).where(and(eq(taskRuns.runId, run.id), eq(taskRuns.taskKey, "a")));
      expect(a).toMatchObject({ status: "completed", attempt: 2, output: { ran: "a" } });
      const late = await h.db().transaction((tx) => completeTask(tx, { runId: run.id, taskRunId: first.id, attempt: 1 }, { ran: "late" }));
      expect(late).toBe(false);
      expect((await eventTypes(h.db(), [run.id])).filter((t) => t.includes(":a"))).toEqual(["task.started:a", "task.recovered:a", "task.started:a", "task.completed:a"]);
    });
  },
  { executors: { agent: spy.fn } },
);
