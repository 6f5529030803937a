import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Run, type TaskRun, taskApprovals, taskRuns, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { appendAudit } from "@/lib/audit/log";
import type { ExecutorOf, Task } from "@/lib/engine/graph-schema";
import { completeTask, failTask } from "@/lib/engine/runtime/complete";
import { requirePinnedStage } from "@/lib/engine/runtime/definitions";
import { appendRunEvents } from "@/lib/engine/runtime/events";
import { schemaErrors } from "@/lib/engine/runtime/json-check";
import { loadTasks, lockRun } from "@/lib/engine/runtime/state";
import { Conflict, Forbidden, Invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireRun } from "./access";
import { decideApprovalInput, submitTaskOutputInput } from "./schemas";

/**
 * People deciding for a run: approving or rejecting an approval task, and submitting a human task's
 * output. Both take the run lock, so fifty people clicking at once produce one decision.
 */

type Waiting = { run: Run; task: TaskRun; def: Task };

async function waitingTask(tx: Db, runId: string, kind: "approval" | "human", taskKey?: string): Promise<Waiting> {
  const run = (await lockRun(tx, runId))!;
  const pinned = await requirePinnedStage(tx, run);
  const tasks = [...(await loadTasks(tx, run.id)).values()];
  const candidates = tasks.filter((t) => pinned.graph.tasks.find((d) => d.id === t.taskKey)?.executor.kind === kind);
  const word = kind === "approval" ? "approval" : "human task";
  const waiting = candidates.filter((t) => t.status === "waiting");
  const task = taskKey
    ? candidates.find((t) => t.taskKey === taskKey)
    : waiting.length === 1
      ? waiting[0]
      : candidates.length === 1
        ? candidates[0]
        : undefined;
  if (!task) {
    if (taskKey) throw new Invalid(`This run has no ${word} “${taskKey}”.`, { taskKey: [`Not a ${word} of this run.`] });
    throw new Invalid(`Say which ${word} you mean (taskKey): this run has ${waiting.length || "none"} waiting.`, { taskKey: ["Required."] });
  }
  if (task.status !== "waiting" || run.status === "paused") {
    const why = run.status === "paused" ? "the run is paused" : task.status === "completed" ? "it has already been decided" : `it is ${task.status}`;
    throw new Conflict(`“${task.taskKey}” is not waiting for a decision: ${why}.`);
  }
  return { run, task, def: pinned.graph.tasks.find((d) => d.id === task.taskKey)! };
}

/**
 * Records an approval or a rejection. The gate opens when it has its number of approvals from people
 * holding the required level, at least one of them not the run's initiator; one rejection closes it and
 * fails the task. Each person decides once.
 */
export async function decideApproval(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(decideApprovalInput, input);
  const { workflow } = await requireRun(db, actor, data.runId, "READ");
  return db.transaction(async (tx) => {
    const { run, task, def } = await waitingTask(tx, data.runId, "approval", data.taskKey);
    const gate = def.executor as ExecutorOf<"approval">;
    if (!atLeast(workflow.level, gate.level)) {
      throw new Forbidden(`Deciding “${def.name || def.id}” needs ${gate.level} access to this workflow.`);
    }
    if (!data.approve && !data.comment) throw new Invalid("Say why you reject it: a comment is required.", { comment: ["Required when rejecting."] });
    const inserted = await tx
      .insert(taskApprovals)
      .values({ taskRunId: task.id, iteration: task.iteration, userId: actor.userId, approve: data.approve, comment: data.comment })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new Conflict("You have already decided on this approval.");
    await appendRunEvents(tx, run.id, [
      { type: data.approve ? "approval.approved" : "approval.rejected", taskKey: task.taskKey, payload: { by: actor.name, comment: data.comment } },
    ]);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: data.approve ? "run.approve" : "run.reject",
      targetType: "run",
      targetId: run.id,
      requestId: actor.requestId,
      details: { workflowId: run.workflowId, taskKey: task.taskKey, comment: data.comment },
    });
    const settle = { runId: run.id, taskRunId: task.id, attempt: task.attempt };
    if (!data.approve) {
      await failTask(tx, settle, `Rejected by ${actor.name}: ${data.comment}`, false);
      return { decided: true, approved: false, remaining: 0 };
    }
    const decisions = await tx
      .select({ userId: taskApprovals.userId, name: users.name, comment: taskApprovals.comment, at: taskApprovals.at })
      .from(taskApprovals)
      .innerJoin(users, eq(users.id, taskApprovals.userId))
      .where(and(eq(taskApprovals.taskRunId, task.id), eq(taskApprovals.iteration, task.iteration), eq(taskApprovals.approve, true)))
      .orderBy(asc(taskApprovals.at), asc(taskApprovals.id));
    const others = decisions.filter((d) => d.userId !== run.initiatorId).length;
    const enough = decisions.length >= gate.approvals && (run.initiatorId === null || others >= 1);
    if (!enough) {
      const remaining = Math.max(gate.approvals - decisions.length, others >= 1 || run.initiatorId === null ? 0 : 1);
      return { decided: false, approved: false, remaining };
    }
    await completeTask(tx, settle, {
      approved: true,
      approvals: decisions.map((d) => ({ by: d.name, userId: d.userId, comment: d.comment, at: d.at.toISOString() })),
    });
    return { decided: true, approved: true, remaining: 0 };
  });
}

/** Completes a waiting human task with the output a person (or program) submits, checked against its output schema. */
export async function submitTaskOutput(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(submitTaskOutputInput, input);
  await requireRun(db, actor, data.runId, "WRITE");
  return db.transaction(async (tx) => {
    const { run, task, def } = await waitingTask(tx, data.runId, "human", data.taskKey);
    const output = data.output === undefined ? null : data.output;
    const problems = def.outputSchema ? schemaErrors(def.outputSchema, output) : [];
    if (problems.length) {
      throw new Invalid(`The output does not match the task's output schema: ${problems.join("; ")}.`, { output: problems });
    }
    await appendRunEvents(tx, run.id, [{ type: "task.submitted", taskKey: task.taskKey, payload: { by: actor.name } }]);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "run.submit_task",
      targetType: "run",
      targetId: run.id,
      requestId: actor.requestId,
      details: { workflowId: run.workflowId, taskKey: task.taskKey },
    });
    await completeTask(tx, { runId: run.id, taskRunId: task.id, attempt: task.attempt }, output);
    const [after] = await tx.select().from(taskRuns).where(eq(taskRuns.id, task.id));
    return after!;
  });
}
