import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { taskRuns } from "@/db/schema";
import { finishRun } from "./advance";
import { completeTask, failTask } from "./complete";
import { requirePinnedStage } from "./definitions";
import { lockRun } from "./state";

export type TimerJob =
  | { kind: "delay"; runId: string; taskRunId: string; attempt: number }
  | { kind: "wait-timeout"; runId: string; taskRunId: string; attempt: number }
  | { kind: "run-deadline"; runId: string };

const duration = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/**
 * A timer came due: a delay task ends, a waiting task's time runs out (an approval takes its chosen
 * outcome), or a run passes its deadline. Each checks that what it was set for is still the case.
 */
export async function fireTimer(db: Db, job: TimerJob): Promise<void> {
  await db.transaction(async (tx) => {
    if (job.kind === "run-deadline") {
      const run = await lockRun(tx, job.runId);
      if (!run?.deadlineAt || !["running", "paused", "waiting_approval"].includes(run.status)) return;
      if (run.deadlineAt.getTime() > Date.now()) return;
      await finishRun(tx, run, "failed", { error: `The run did not finish within its time limit of ${duration(run.timeoutMs ?? 0)}.`, reason: "Run timed out." });
      return;
    }
    const settle = { runId: job.runId, taskRunId: job.taskRunId, attempt: job.attempt };
    if (job.kind === "delay") {
      const [task] = await tx.select({ startedAt: taskRuns.startedAt }).from(taskRuns).where(eq(taskRuns.id, job.taskRunId));
      await completeTask(tx, settle, { waitedMs: task?.startedAt ? Date.now() - task.startedAt.getTime() : null });
      return;
    }
    const run = await lockRun(tx, job.runId);
    if (!run) return;
    const [task] = await tx.select().from(taskRuns).where(eq(taskRuns.id, job.taskRunId));
    if (!task || task.status !== "waiting" || task.attempt !== job.attempt) return;
    const taskDef = (await requirePinnedStage(tx, run)).graph.tasks.find((t) => t.id === task.taskKey);
    const waited = duration(taskDef?.timeoutMs ?? 0);
    if (taskDef?.executor.kind === "approval" && taskDef.executor.onTimeout === "approve") {
      await completeTask(tx, settle, { approved: true, timedOut: true, approvals: [] });
    } else if (taskDef?.executor.kind === "approval") {
      await failTask(tx, settle, `No decision within ${waited}, so it was rejected (the task's timeout outcome).`, false);
    } else {
      await failTask(tx, settle, `Nobody submitted its output within ${waited}.`, false);
    }
  });
}
