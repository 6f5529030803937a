import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { runEvents, runs, workItemTransitions } from "@/db/schema";
import { actorFor, addMember, createTeamWorkflow, createUser } from "@/db/testing/factories";
import { dispatchEvent } from "@/lib/automation/dispatch";
import { decideApproval } from "@/lib/runs/decisions";
import { moveItem } from "@/lib/work-items/move";
import { createItem } from "@/lib/work-items/service";
import { chain, graph, task } from "../testing";
import { describeEngine, spyExecutor, taskStatuses, waitForRun, waitForTask } from "./testing";

const spy = spyExecutor(({ input }) => ({ shipped: input }));
const gated = (approvals: number, over: { timeoutMs?: number; onTimeout?: "approve" | "reject" } = {}) =>
  graph(
    [
      task("gate", { executor: { kind: "approval", approvals, level: "WRITE", onTimeout: over.onTimeout }, timeoutMs: over.timeoutMs ?? null }),
      task("ship", { executor: { kind: "agent", role: "shipper" }, input: { approvedBy: "{{previous_output.approvals}}" } }),
    ],
    chain("gate", "ship"),
  );

/** A team workflow Inbox → Release (automation, `graph`) → Done, and an item Ann moved into Release. */
async function itemAtTheGate(db: import("@/db/client").Db, g: ReturnType<typeof gated>) {
  const t = await createTeamWorkflow(db, {
    members: ["Ann", "Ben", "Cy"],
    stages: [{ name: "Inbox" }, { name: "Release", type: "AUTOMATION", taskGraph: g }, { name: "Done" }],
  });
  const [ann] = t.actors;
  const item = await createItem(db, ann, { workflowId: t.wf.id, title: "Release 1.4" });
  await moveItem(db, ann, { id: item.id, toStageId: t.wf.stages[1]!.id });
  const [run] = await db.select().from(runs).where(eq(runs.workItemId, item.id));
  await waitForRun(db, run!.id, ["waiting_approval"]);
  return { ...t, item, run: run! };
}

describeEngine(
  "approval gates",
  (h) => {
    it("waits for approval; the initiator alone is not enough; another member's approval lets the run go on and the item move", async () => {
      const t = await itemAtTheGate(h.db(), gated(1));
      const [ann, ben] = t.actors;
      expect(await decideApproval(h.db(), ann, { runId: t.run.id, approve: true, comment: "mine" })).toEqual({ decided: false, approved: false, remaining: 1 });
      await expect(decideApproval(h.db(), ann, { runId: t.run.id, approve: true })).rejects.toThrow("already decided");
      expect(await decideApproval(h.db(), ben, { runId: t.run.id, approve: true, comment: "ship it" })).toEqual({ decided: true, approved: true, remaining: 0 });
      expect((await waitForRun(h.db(), t.run.id)).status).toBe("completed");
      const shipped = spy.of(t.run.id)[0]!.input as { approvedBy: { by: string; comment: string }[] };
      expect(shipped.approvedBy.map((a) => [a.by, a.comment])).toEqual([["Ann", "mine"], ["Ben", "ship it"]]);
      await expect
        .poll(async () => (await h.db().select().from(workItemTransitions).where(and(eq(workItemTransitions.workItemId, t.item.id), isNull(workItemTransitions.actorId)))).length)
        .toBe(1);
    });

    it("a rejection (with a reason) fails the task and the run; the item stays", async () => {
      const t = await itemAtTheGate(h.db(), gated(2));
      const cy = t.actors[2];
      await expect(decideApproval(h.db(), cy, { runId: t.run.id, approve: false })).rejects.toThrow("Say why you reject it");
      await decideApproval(h.db(), cy, { runId: t.run.id, approve: false, comment: "missing changelog" });
      const done = await waitForRun(h.db(), t.run.id);
      expect(done.status).toBe("failed");
      expect(done.error).toContain("Rejected by Cy: missing changelog");
      expect(await taskStatuses(h.db(), t.run.id)).toEqual({ gate: "failed", ship: "pending" });
    });

    it("refuses people without the level, and hides the run from other tenants", async () => {
      const t = await itemAtTheGate(h.db(), gated(1));
      const viewer = await createUser(h.db(), { name: "Vi" });
      await addMember(h.db(), t.team.id, viewer.id, "viewer");
      await expect(decideApproval(h.db(), await actorFor(h.db(), viewer.id), { runId: t.run.id, approve: true })).rejects.toThrow("needs WRITE access");
      const stranger = await createUser(h.db(), { name: "Stranger" });
      await expect(decideApproval(h.db(), await actorFor(h.db(), stranger.id), { runId: t.run.id, approve: true })).rejects.toThrow("Run was not found");
    });

    it("takes the chosen outcome when nobody decides in time", async () => {
      const t = await itemAtTheGate(h.db(), gated(1, { timeoutMs: 300, onTimeout: "approve" }));
      expect((await waitForRun(h.db(), t.run.id)).status).toBe("completed");
      const r = await itemAtTheGate(h.db(), gated(1, { timeoutMs: 300, onTimeout: "reject" }));
      const done = await waitForRun(h.db(), r.run.id);
      expect(done.status).toBe("failed");
      expect(done.error).toContain("No decision within 300 ms");
    });

    it("fifty people approving at once produce one decision, one completed gate and one move", async () => {
      const t = await itemAtTheGate(h.db(), gated(2));
      const crowd = [];
      for (let i = 0; i < 50; i++) {
        const u = await createUser(h.db(), { name: `Approver ${i}` });
        await addMember(h.db(), t.team.id, u.id);
        crowd.push(await actorFor(h.db(), u.id));
      }
      const results = await Promise.allSettled(crowd.map((a) => decideApproval(h.db(), a, { runId: t.run.id, approve: true })));
      const decided = results.filter((r) => r.status === "fulfilled" && r.value.decided);
      expect(decided).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toContain("not waiting for a decision");
      expect((await waitForRun(h.db(), t.run.id)).status).toBe("completed");
      const completed = await h.db().select().from(runEvents).where(and(eq(runEvents.runId, t.run.id), eq(runEvents.type, "task.completed"), eq(runEvents.taskKey, "gate")));
      expect(completed).toHaveLength(1);
      await expect
        .poll(async () => (await h.db().select().from(workItemTransitions).where(eq(workItemTransitions.workItemId, t.item.id))).length)
        .toBe(3);
      await waitForTask(h.db(), t.run.id, "ship", ["completed"]);
      expect(spy.of(t.run.id)).toHaveLength(1);
    });
  },
  { executors: { agent: spy.fn }, engine: { onEvent: (db, e) => dispatchEvent(db, e) } },
);
