import { expect, it } from "vitest";
import { edge, graph, task } from "../testing";
import { automationWorkflow, describeEngine, eventTypes, spyExecutor, startTestRun, taskStatuses, waitForRun } from "./testing";

const spy = spyExecutor(({ taskKey, input }) => (taskKey === "score" ? { value: (input as { value: number }).value } : { did: taskKey }));
const agent = (role: string) => ({ kind: "agent" as const, role });
const high = { left: "{{previous_output.value}}", op: "greater_than" as const, value: 7 };
const low = { left: "{{previous_output.value}}", op: "less_than" as const, value: 8 };

/** score → (high: fast-track) / (low: review → rework → recheck) → join. */
const g = graph(
  [
    task("score", { executor: agent("scorer"), input: { value: "{{run.input.value}}" } }),
    task("fast", { executor: agent("approver") }),
    task("review", { executor: agent("reviewer") }),
    task("rework", { executor: agent("writer") }),
    task("recheck", { executor: agent("reviewer") }),
    task("join", { executor: agent("publisher") }),
  ],
  [edge("score", "fast", high), edge("score", "review", low), edge("review", "rework"), edge("rework", "recheck"), edge("fast", "join"), edge("recheck", "join")],
);

describeEngine(
  "a conditional branch",
  (h) => {
    it("skips the branch whose condition is false, all the way down, and still runs the join", async () => {
      const w = await automationWorkflow(h.db(), g);
      const run = await startTestRun(h.db(), w, { value: 9 });
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      expect(await taskStatuses(h.db(), run.id)).toEqual({
        fast: "completed",
        join: "completed",
        recheck: "skipped",
        review: "skipped",
        rework: "skipped",
        score: "completed",
      });
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["score", "fast", "join"]);
      expect((await eventTypes(h.db(), [run.id])).filter((t) => t.startsWith("task.skipped"))).toHaveLength(3);
    });

    it("takes the other branch when the condition goes the other way", async () => {
      const w = await automationWorkflow(h.db(), g);
      const run = await startTestRun(h.db(), w, { value: 3 });
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      expect(await taskStatuses(h.db(), run.id)).toMatchObject({ fast: "skipped", review: "completed", rework: "completed", recheck: "completed", join: "completed" });
      expect(spy.of(run.id).map((c) => c.taskKey)).toEqual(["score", "review", "rework", "recheck", "join"]);
    });
  },
  { executors: { agent: spy.fn } },
);
