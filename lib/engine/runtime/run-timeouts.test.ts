import { expect, it } from "vitest";
import { DEFAULT_RETRY } from "../graph-schema";
import { graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, taskStatuses, waitForRun } from "./testing";

/** Waits until told to stop (its signal), like a slow remote call. */
const spy = spyExecutor(
  ({ signal }) =>
    new Promise((_, reject) => {
      signal.addEventListener("abort", () => reject(new Error("stopped")), { once: true });
    }),
);
const once = { ...DEFAULT_RETRY, maxAttempts: 1 };

describeEngine(
  "per-task and per-run timeouts",
  (h) => {
    it("fails a task that runs past its timeout, and its executor is told to stop", async () => {
      const g = graph([task("slow", { executor: { kind: "agent", role: "slow" }, timeoutMs: 150, retry: once })]);
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), g));
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("failed");
      expect(done.error).toBe("Task “Slow” failed: It timed out after 150 ms.");
      expect(spy.of(run.id)[0]!.signal.aborted).toBe(true);
    });

    it("fails a run that passes its stage's run timeout and cancels what was running", async () => {
      const g = graph([task("slow", { executor: { kind: "agent", role: "slow" }, retry: once })]);
      const w = await automationWorkflow(h.db(), g, { runTimeoutMs: 1_000 });
      const run = await startTestRun(h.db(), w);
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("failed");
      expect(done.error).toBe("The run did not finish within its time limit of 1 s.");
      expect(await taskStatuses(h.db(), run.id)).toEqual({ slow: "cancelled" });
      await expect.poll(() => spy.of(run.id)[0]?.signal.aborted).toBe(true);
    });
  },
  { executors: { agent: spy.fn } },
);
