import { expect, it } from "vitest";
import { actorFor, createUser } from "@/db/testing/factories";
import { submitTaskOutput } from "@/lib/runs/decisions";
import { chain, graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, waitForRun, waitForTask } from "./testing";

const spy = spyExecutor(({ input }) => input);

describeEngine(
  "human tasks and delays",
  (h) => {
    it("waits for a person's output, checks it against the output schema, and hands it on", async () => {
      const g = graph(
        [
          task("triage", {
            executor: { kind: "human", instructions: "Pick a severity" },
            outputSchema: { type: "object", properties: { severity: { enum: ["low", "high"] } }, required: ["severity"] },
          }),
          task("page", { executor: { kind: "agent", role: "pager" }, input: { severity: "{{previous_output.severity}}" } }),
        ],
        chain("triage", "page"),
      );
      const w = await automationWorkflow(h.db(), g);
      const owner = await actorFor(h.db(), w.owner.id);
      const run = await startTestRun(h.db(), w);
      await waitForTask(h.db(), run.id, "triage", ["waiting"]);
      expect((await waitForRun(h.db(), run.id, ["running"])).status).toBe("running");
      await expect(submitTaskOutput(h.db(), owner, { runId: run.id, taskKey: "triage", output: { severity: "meh" } })).rejects.toThrow(
        "does not match the task's output schema: /severity must be equal to one of the allowed values",
      );
      const stranger = await actorFor(h.db(), (await createUser(h.db())).id);
      await expect(submitTaskOutput(h.db(), stranger, { runId: run.id, taskKey: "triage", output: { severity: "high" } })).rejects.toThrow("Run was not found");
      await submitTaskOutput(h.db(), owner, { runId: run.id, taskKey: "triage", output: { severity: "high" } });
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      expect(spy.of(run.id)[0]!.input).toEqual({ severity: "high" });
      await expect(submitTaskOutput(h.db(), owner, { runId: run.id, taskKey: "triage", output: { severity: "low" } })).rejects.toThrow("not waiting");
    });

    it("a delay task waits its time in the database, then the run goes on", async () => {
      const g = graph(
        [task("cool-off", { executor: { kind: "delay", ms: 300 } }), task("go", { executor: { kind: "agent", role: "go" } })],
        chain("cool-off", "go"),
      );
      const run = await startTestRun(h.db(), await automationWorkflow(h.db(), g));
      const waiting = await waitForTask(h.db(), run.id, "cool-off", ["waiting"]);
      expect(waiting.waitingFor).toBe("delay");
      const done = await waitForTask(h.db(), run.id, "cool-off", ["completed"]);
      expect((done.output as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(300);
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
    });
  },
  { executors: { agent: spy.fn } },
);
