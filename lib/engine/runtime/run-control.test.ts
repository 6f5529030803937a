import { expect, it } from "vitest";
import { actorFor } from "@/db/testing/factories";
import { cancelRun, pauseRun, resumeRun } from "@/lib/runs/control";
import { chain, graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, taskStatuses, waitForRun, waitForTask } from "./testing";

/** Tasks named `hold*` wait for `release(runId)` (or their signal); others answer at once. */
const gates = new Map<string, () => void>();
const release = (runId: string) => gates.get(runId)?.();
const spy = spyExecutor(({ taskKey, runId, signal }) =>
  taskKey.startsWith("hold")
    ? new Promise((resolve, reject) => {
        gates.set(runId, () => resolve({ released: true }));
        signal.addEventListener("abort", () => reject(new Error("stopped")), { once: true });
      })
    : { done: taskKey },
);
const g = graph(
  [task("hold", { executor: { kind: "agent", role: "slow" } }), task("after", { executor: { kind: "agent", role: "next" } })],
  chain("hold", "after"),
);

describeEngine(
  "pause, resume and cancel",
  (h) => {
    it("pauses: the running task finishes, the next waits until resume", async () => {
      const w = await automationWorkflow(h.db(), g);
      const actor = await actorFor(h.db(), w.owner.id);
      const run = await startTestRun(h.db(), w);
      await waitForTask(h.db(), run.id, "hold", ["running"]);
      await expect.poll(() => gates.has(run.id)).toBe(true);
      expect((await pauseRun(h.db(), actor, { runId: run.id })).status).toBe("paused");
      release(run.id);
      await waitForTask(h.db(), run.id, "hold", ["completed"]);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await taskStatuses(h.db(), run.id)).toEqual({ after: "queued", hold: "completed" });
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["hold"]);
      await expect(pauseRun(h.db(), actor, { runId: run.id })).rejects.toThrow("only a running run can be paused");
      await resumeRun(h.db(), actor, { runId: run.id });
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["hold", "after"]);
    });

    it("cancels: the running task is told to stop, nothing after it starts", async () => {
      const w = await automationWorkflow(h.db(), g);
      const actor = await actorFor(h.db(), w.owner.id);
      const run = await startTestRun(h.db(), w);
      await waitForTask(h.db(), run.id, "hold", ["running"]);
      await expect.poll(() => gates.has(run.id)).toBe(true);
      expect((await cancelRun(h.db(), actor, { runId: run.id })).status).toBe("cancelled");
      await expect.poll(() => spy.of(run.id)[0]!.signal.aborted).toBe(true);
      expect(await taskStatuses(h.db(), run.id)).toEqual({ after: "cancelled", hold: "cancelled" });
      await expect(cancelRun(h.db(), actor, { runId: run.id })).rejects.toThrow("already cancelled");
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["hold"]);
    });
  },
  { executors: { agent: spy.fn } },
);
