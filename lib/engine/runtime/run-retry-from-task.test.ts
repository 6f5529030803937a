import { expect, it } from "vitest";
import { actorFor } from "@/db/testing/factories";
import { retryRun } from "@/lib/runs/control";
import { TaskError } from "../executors/types";
import { chain, graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, taskStatuses, waitForRun } from "./testing";

/** Runs whose cluster is back. */
const fixed = new Set<string>();
const spy = spyExecutor(({ taskKey, runId }) => {
  if (taskKey === "deploy" && !fixed.has(runId)) throw new TaskError("cluster unreachable", { retryable: false });
  return { step: taskKey };
});
const g = graph(
  ["build", "test", "deploy", "notify"].map((id) => task(id, { executor: { kind: "agent", role: id } })),
  chain("build", "test", "deploy", "notify"),
);

describeEngine(
  "re-running a failed run from its failed task",
  (h) => {
    it("keeps completed outputs, runs the failed task and what follows again", async () => {
      const w = await automationWorkflow(h.db(), g);
      const actor = await actorFor(h.db(), w.owner.id);
      const run = await startTestRun(h.db(), w);
      expect((await waitForRun(h.db(), run.id)).status).toBe("failed");
      expect(await taskStatuses(h.db(), run.id)).toEqual({ build: "completed", deploy: "failed", notify: "pending", test: "completed" });
      await expect(retryRun(h.db(), actor, { runId: run.id, taskKey: "build" })).rejects.toThrow("retry from a failed or cancelled task");
      fixed.add(run.id);
      await retryRun(h.db(), actor, { runId: run.id, taskKey: "deploy" });
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("completed");
      expect(done.error).toBeNull();
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["build", "test", "deploy", "deploy", "notify"]);
      await expect(retryRun(h.db(), actor, { runId: run.id, taskKey: "deploy" })).rejects.toThrow("only a failed or cancelled run can be retried");
    });
  },
  { executors: { agent: spy.fn } },
);
