import { expect, it } from "vitest";
import { edge, graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, taskStatuses, waitForRun } from "./testing";

const spy = spyExecutor(({ taskKey, input }) => (taskKey === "merge" ? { merged: input } : { by: taskKey }));
const agent = (role: string) => ({ kind: "agent" as const, role });

describeEngine(
  "fan-out to three reviewers, then a join",
  (h) => {
    it("runs the three branches after the split and the join once, after all three, with their outputs keyed by id", async () => {
      const g = graph(
        [
          task("split", { executor: agent("splitter") }),
          task("legal", { executor: agent("legal") }),
          task("money", { executor: agent("finance") }),
          task("tech", { executor: agent("engineer") }),
          task("merge", { executor: agent("editor"), input: { all: "{{previous_output}}" } }),
        ],
        [edge("split", "legal"), edge("split", "money"), edge("split", "tech"), edge("legal", "merge"), edge("money", "merge"), edge("tech", "merge")],
      );
      const w = await automationWorkflow(h.db(), g);
      const run = await startTestRun(h.db(), w);
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      expect(await taskStatuses(h.db(), run.id)).toEqual({ legal: "completed", merge: "completed", money: "completed", split: "completed", tech: "completed" });
      const order = spy.of(run.id).map((c) => c.taskKey);
      expect(order[0]).toBe("split");
      expect(order.at(-1)).toBe("merge");
      expect(order.slice(1, 4).sort()).toEqual(["legal", "money", "tech"]);
      expect(spy.of(run.id).find((c) => c.taskKey === "merge")!.input).toEqual({
        all: { legal: { by: "legal" }, money: { by: "money" }, tech: { by: "tech" } },
      });
    });

    it("joins every time when many branches finish at once (each completion sees the ones committed before it)", async () => {
      const branches = Array.from({ length: 12 }, (_, i) => `b${i}`);
      const wide = graph(
        [task("split", { executor: agent("splitter") }), ...branches.map((b) => task(b, { executor: agent(b) })), task("merge", { executor: agent("editor") })],
        [...branches.map((b) => edge("split", b)), ...branches.map((b) => edge(b, "merge"))],
      );
      const w = await automationWorkflow(h.db(), wide);
      const started = await Promise.all(Array.from({ length: 8 }, () => startTestRun(h.db(), w)));
      for (const run of started) {
        expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
        expect(spy.of(run.id).filter((c) => c.taskKey === "merge")).toHaveLength(1);
      }
    });
  },
  { executors: { agent: spy.fn } },
);
