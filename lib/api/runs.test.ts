import { beforeAll, expect, it } from "vitest";
import { TaskError } from "@/lib/engine/executors/types";
import { describeEngine, spyExecutor, waitForRun, waitForTask } from "@/lib/engine/runtime/testing";
import { approvalResponse, runListResponse, runResponse, runViewResponse, taskRunResponse } from "./run-schemas";
import { createRunWorld, runApi, startRun } from "./runs-testing";
import { MISSING_ID } from "./workflows-testing";

/** The agent fails while `failing` is set (never retried), else answers its input. */
let failing = false;
const agent = spyExecutor(({ input }) => {
  if (failing) throw new TaskError("The worker fell over.", { retryable: false });
  return { done: input };
});

describeEngine(
  "REST API: runs",
  (h) => {
    let w: Awaited<ReturnType<typeof createRunWorld>>;
    beforeAll(async () => {
      w = await createRunWorld(h.db());
    });
    const api = runApi(h.db, () => w.tokens);
    const gatedRun = async () => {
      const run = await startRun(h.db(), w, w.gated);
      await waitForTask(h.db(), run.id, "review", ["waiting"]);
      return run;
    };

    it("answers another team's run, a missing run and a malformed id with 404 on every run route", async () => {
      const foreign = await startRun(h.db(), w, w.foreign, { n: 1 }, "otherTeam");
      for (const id of [foreign.id, MISSING_ID, "not-a-run"]) {
        const answers = await Promise.all([
          api.get("owner", id),
          api.pause("owner", id),
          api.resume("owner", id),
          api.cancel("owner", id),
          api.retry("owner", id, { taskKey: "work" }),
          api.approve("owner", id, { approve: true }),
          api.submit("owner", id, { taskKey: "work", output: {} }),
        ]);
        for (const a of answers) expect(a.body, id).toEqual({ error: { code: "not_found", message: "Run was not found." } });
        expect((await api.events(h.database(), "owner", id)).status).toBe(404);
      }
      expect((await api.get("otherTeam", foreign.id)).status).toBe(200);
      expect((await api.list("owner")).body.runs.map((r: { id: string }) => r.id)).not.toContain(foreign.id);
      expect((await api.get(null, foreign.id)).status).toBe(401);
    });

    it("answers the run view and lists runs by workflow and status", async () => {
      const run = await gatedRun();
      const view = await api.get("viewer", run.id);
      expect(view.status).toBe(200);
      expect(runViewResponse.parse(view.body)).toEqual(view.body);
      expect(view.body.run).toMatchObject({ id: run.id, status: "waiting_approval", origin: "api", initiator: { id: w.people.owner.userId, name: "owner" } });
      expect(view.body.workflow).toEqual({ id: w.gated.id, name: "Gated", level: "READ" });
      expect(view.body.tasks.map((t: { key: string; status: string }) => [t.key, t.status])).toEqual([
        ["review", "waiting"],
        ["finish", "pending"],
      ]);
      expect(view.body.can).toEqual({ pause: false, resume: false, cancel: false });
      expect((await api.get("teammate", run.id)).body.tasks[0].approval.canDecide).toBe(true);

      const list = await api.list("viewer", `?workflowId=${w.gated.id}&status=waiting_approval,paused&limit=100`);
      expect(list.status).toBe(200);
      expect(runListResponse.parse(list.body)).toEqual(list.body);
      expect(list.body.runs.map((r: { id: string }) => r.id)).toContain(run.id);
      expect(list.body.runs.every((r: { workflowId: string; status: string }) => r.workflowId === w.gated.id && ["waiting_approval", "paused"].includes(r.status))).toBe(true);
      expect((await api.list("viewer", `?workflowId=${w.gated.id}&status=completed`)).body.runs.map((r: { id: string }) => r.id)).not.toContain(run.id);
      const older = await api.list("viewer", `?before=${encodeURIComponent(list.body.runs.at(-1).createdAt)}&workflowId=${w.gated.id}`);
      expect(older.body.runs.map((r: { id: string }) => r.id)).not.toContain(list.body.runs.at(-1).id);
    });

    it("refuses a bad query or body with 400 and the field at fault", async () => {
      const run = await gatedRun();
      const bad = await api.list("owner", "?status=running,sleeping&limit=0");
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.error.fields).sort()).toEqual(["limit", "status"]);
      expect(bad.body.error.fields.status[0]).toMatch(/“sleeping” is not a run status/);
      const approval = await api.approve("teammate", run.id, { approve: "yes", runId: MISSING_ID });
      expect(approval.status).toBe(400);
      expect(Object.keys(approval.body.error.fields).sort()).toEqual(["_", "approve"]);
      expect((await api.retry("owner", run.id, {})).body.error.fields).toHaveProperty("taskKey");
      expect((await api.submit("owner", run.id, "{not json")).body.error.message).toMatch(/not valid JSON/);
      expect((await api.approve("teammate", run.id, { approve: false })).body.error.fields).toEqual({ comment: ["Required when rejecting."] });
    });

    it("lets writers pause, resume and cancel, refuses a viewer with 403 and a finished run with 409", async () => {
      const run = await gatedRun();
      for (const verb of ["pause", "cancel"] as const) {
        const r = await api[verb]("viewer", run.id);
        expect(r.status, verb).toBe(403);
        expect(r.body.error.code).toBe("forbidden");
      }
      const paused = await api.pause("teammate", run.id);
      expect(paused.status).toBe(200);
      expect(runResponse.parse(paused.body)).toEqual(paused.body);
      expect(paused.body).toMatchObject({ id: run.id, status: "paused" });
      expect((await api.approve("teammate", run.id, { approve: true })).status).toBe(409);
      expect((await api.pause("teammate", run.id)).status).toBe(409);
      expect((await api.resume("owner", run.id)).body.status).toBe("waiting_approval");
      const cancelled = await api.cancel("owner", run.id);
      expect(cancelled.body).toMatchObject({ status: "cancelled" });
      expect(cancelled.body.finishedAt).not.toBeNull();
      const again = await api.cancel("owner", run.id);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe("This run is already cancelled.");
    });

    it("takes approvals once per person, then the human task's output, and the run completes", async () => {
      const run = await gatedRun();
      expect((await api.approve("viewer", run.id, { approve: true })).status).toBe(403);
      const mine = await api.approve("owner", run.id, { approve: true, comment: "I started it" });
      expect(mine.status).toBe(200);
      expect(approvalResponse.parse(mine.body)).toEqual({ decided: false, approved: false, remaining: 1 });
      const twice = await api.approve("owner", run.id, { approve: true });
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toBe("You have already decided on this approval.");
      expect((await api.approve("teammate", run.id, { taskKey: "review", approve: true })).body).toEqual({ decided: true, approved: true, remaining: 0 });
      expect((await api.approve("teammate", run.id, { taskKey: "review", approve: true })).status).toBe(409);

      await waitForTask(h.db(), run.id, "finish", ["waiting"]);
      expect((await api.submit("viewer", run.id, { taskKey: "finish", output: { ok: true } })).status).toBe(403);
      expect((await api.submit("owner", run.id, { taskKey: "review", output: {} })).body.error.fields).toEqual({ taskKey: ["Not a human task of this run."] });
      const done = await api.submit("teammate", run.id, { taskKey: "finish", output: { signedOff: "yes" } });
      expect(done.status).toBe(200);
      expect(taskRunResponse.parse(done.body)).toEqual(done.body);
      expect(done.body).toMatchObject({ taskKey: "finish", status: "completed", output: { signedOff: "yes" } });
      expect(done.body).not.toHaveProperty("workerId");
      expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
      expect((await api.submit("teammate", run.id, { taskKey: "finish", output: {} })).status).toBe(409);
    });

    it("retries a failed run from its failed task", async () => {
      failing = true;
      const run = await startRun(h.db(), w, w.agent, { n: 7 });
      expect((await waitForRun(h.db(), run.id)).status).toBe("failed");
      expect((await api.retry("viewer", run.id, { taskKey: "work" })).status).toBe(403);
      expect((await api.retry("owner", run.id, { taskKey: "nope" })).body.error.fields).toEqual({ taskKey: ["Not a task of this run."] });
      failing = false;
      const retried = await api.retry("owner", run.id, { taskKey: "work" });
      expect(retried.status).toBe(200);
      expect(["running", "completed"]).toContain(retried.body.status);
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("completed");
      expect(done.output).toEqual({ done: { n: 7 } });
      expect(agent.of(run.id).map((c) => c.taskKey)).toEqual(["work", "work"]);
      expect((await api.retry("owner", run.id, { taskKey: "work" })).status).toBe(409);
    });
  },
  { executors: { agent: agent.fn } },
);
