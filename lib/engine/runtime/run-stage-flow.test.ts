import { and, asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { runs, workItemTransitions, workItems } from "@/db/schema";
import { actorFor } from "@/db/testing/factories";
import { dispatchEvent } from "@/lib/automation/dispatch";
import { moveItem } from "@/lib/work-items/move";
import { createItem } from "@/lib/work-items/service";
import { TaskError } from "../executors/types";
import { graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, waitForRun } from "./testing";

const spy = spyExecutor(({ input }) => {
  if ((input as { title?: string }).title?.includes("broken")) throw new TaskError("lint failed", { retryable: false });
  return { checked: input };
});
const g = graph([task("check", { executor: { kind: "agent", role: "checker" }, input: { title: "{{item.title}}", ref: "{{item.data.ref}}" } })]);

describeEngine(
  "stage flow",
  (h) => {
    it("an item entering an automation stage starts a run of its pinned version; completion moves it on as the system", async () => {
      const w = await automationWorkflow(h.db(), g);
      const owner = await actorFor(h.db(), w.owner.id);
      const item = await createItem(h.db(), owner, { workflowId: w.wf.id, title: "Fix login", data: { ref: "PR-7" } });
      expect(await h.db().select().from(runs).where(eq(runs.workItemId, item.id))).toHaveLength(0);
      await moveItem(h.db(), owner, { id: item.id, toStageId: w.stage.id });
      const [run] = await h.db().select().from(runs).where(eq(runs.workItemId, item.id));
      expect(run).toMatchObject({ origin: "stage", stageId: w.stage.id, definitionVersion: 1, initiatorId: owner.userId });
      expect((await waitForRun(h.db(), run!.id)).status).toBe("completed");
      expect(spy.of(run!.id)[0]!.input).toEqual({ title: "Fix login", ref: "PR-7" });
      await expect.poll(async () => (await h.db().select().from(workItems).where(eq(workItems.id, item.id)))[0]!.stageId).toBe(w.wf.stages[2]!.id);
      const moves = await h.db().select().from(workItemTransitions).where(eq(workItemTransitions.workItemId, item.id)).orderBy(asc(workItemTransitions.id));
      expect(moves.map((m) => [m.toStageId, m.actorId])).toEqual([
        [w.wf.stages[0]!.id, owner.userId],
        [w.stage.id, owner.userId],
        [w.wf.stages[2]!.id, null],
      ]);
      expect(moves[2]!.reason).toBe("Run completed in “Automate”.");
    });

    it("a failed run leaves the item where it is, with the error on the run", async () => {
      const w = await automationWorkflow(h.db(), g);
      const owner = await actorFor(h.db(), w.owner.id);
      const item = await createItem(h.db(), owner, { workflowId: w.wf.id, title: "broken build", stageId: w.stage.id });
      const [run] = await h.db().select().from(runs).where(eq(runs.workItemId, item.id));
      const done = await waitForRun(h.db(), run!.id);
      expect(done.error).toBe("Task “Check” failed: lint failed");
      await new Promise((r) => setTimeout(r, 500));
      expect((await h.db().select().from(workItems).where(eq(workItems.id, item.id)))[0]!.stageId).toBe(w.stage.id);
    });

    it("moving the item out of the stage cancels its run there", async () => {
      const blocking = graph([task("wait", { executor: { kind: "human", instructions: "" } })]);
      const w = await automationWorkflow(h.db(), blocking);
      const owner = await actorFor(h.db(), w.owner.id);
      const item = await createItem(h.db(), owner, { workflowId: w.wf.id, title: "Moves on", stageId: w.stage.id });
      const [run] = await h.db().select().from(runs).where(eq(runs.workItemId, item.id));
      await waitForRun(h.db(), run!.id, ["running"]);
      await moveItem(h.db(), owner, { id: item.id, toStageId: w.wf.stages[0]!.id });
      const [after] = await h.db().select().from(runs).where(and(eq(runs.id, run!.id)));
      expect(after!.status).toBe("cancelled");
    });
  },
  { executors: { agent: spy.fn }, engine: { onEvent: (db, e) => dispatchEvent(db, e) } },
);
