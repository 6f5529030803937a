import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { describeDb } from "@/db/testing/database";
import { triggers } from "@/db/schema";
import { edge, graph, task } from "../testing";
import { completeTask } from "./complete";
import { writeRunStep } from "./events";
import { claimTask, readRunState } from "./state";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, taskStatuses, waitForRun } from "./testing";

/**
 * A step is planned from the run as read and written only if no other step wrote in between (the run's
 * `last_seq`); these tests hand it an out-of-date view on purpose, as a worker racing a sibling would.
 */

const fanOut = graph([task("a"), task("b"), task("c"), task("d")], [edge("a", "b"), edge("a", "c"), edge("b", "d"), edge("c", "d")]);
const claim = (db: Parameters<typeof claimTask>[0], runId: string, taskRunId: string) =>
  claimTask(db, { runId, taskRunId, now: new Date(), leaseUntil: new Date(Date.now() + 60_000), workerId: "test" });

describeDb("engine: guarded steps", (db) => {
  /** A run of the fan-out whose `a` completed and whose `b` and `c` are both running. */
  async function twoRunning() {
    const w = await automationWorkflow(db(), fanOut);
    const run = await startTestRun(db(), w);
    const byKey = async () => (await readRunState(db(), run.id))!.tasks;
    const a = (await byKey()).get("a")!;
    await claim(db(), run.id, a.id);
    await completeTask(db(), { runId: run.id, taskRunId: a.id, attempt: 1 }, { a: 1 });
    const tasks = await byKey();
    for (const k of ["b", "c"]) await claim(db(), run.id, tasks.get(k)!.id);
    return { run, tasks: await byKey() };
  }

  it("a step planned from an old view writes nothing, reads again, and the join still starts", async () => {
    const { run, tasks } = await twoRunning();
    const stale = (await readRunState(db(), run.id))!;
    const b = tasks.get("b")!;
    const c = tasks.get("c")!;
    expect(await completeTask(db(), { runId: run.id, taskRunId: c.id, attempt: c.attempt }, { c: 1 })).toBe(true);
    // This view still has `c` running: planned from it, `d` would wait for ever.
    expect(await completeTask(db(), { runId: run.id, taskRunId: b.id, attempt: b.attempt, state: stale }, { b: 1 })).toBe(true);
    expect(await taskStatuses(db(), run.id)).toEqual({ a: "completed", b: "completed", c: "completed", d: "queued" });
  });

  it("a write expecting another event count changes nothing", async () => {
    const { run, tasks } = await twoRunning();
    const before = (await readRunState(db(), run.id))!;
    const b = { ...tasks.get("b")!, status: "completed" as const };
    const written = await writeRunStep(db(), { runId: run.id, rows: [b], events: [{ type: "task.completed", taskKey: "b" }], expectSeq: before.run.lastSeq - 1 });
    expect(written.applied).toBe(false);
    const after = (await readRunState(db(), run.id))!;
    expect(after.run.lastSeq).toBe(before.run.lastSeq);
    expect(after.tasks.get("b")!.status).toBe("running");
  });
});

const spy = spyExecutor(() => ({ ok: true }));
const eventJobs = async (db: Parameters<typeof readRunState>[0], runId: string) =>
  Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pgboss.job where name = 'tandem-event' and data->>'runId' = ${runId}`))[0]!.n);

describeEngine(
  "engine: a run's end goes on the queue when something may react",
  (h) => {
    it("not for a run without an item that no trigger watches; yes once an event trigger watches its workflow", async () => {
      const w = await automationWorkflow(h.db(), graph([task("only")]));
      const quiet = await startTestRun(h.db(), w);
      expect((await waitForRun(h.db(), quiet.id)).status).toBe("completed");
      expect(await eventJobs(h.db(), quiet.id)).toBe(0);

      const listener = await automationWorkflow(h.db(), graph([task("x")]));
      await h.db().insert(triggers).values({
        workflowId: listener.wf.id,
        kind: "event",
        name: "After A",
        config: { event: "run.completed", sourceWorkflowId: w.wf.id },
        createdById: listener.owner.id,
      });
      const watched = await startTestRun(h.db(), w);
      expect((await waitForRun(h.db(), watched.id)).status).toBe("completed");
      expect(await eventJobs(h.db(), watched.id)).toBe(1);
    });
  },
  { executors: { agent: spy.fn } },
);
