import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { runs, taskRuns } from "@/db/schema";
import { appendRunEvents } from "./events";
import { QUEUES, wake } from "./queue";
import { lockRun } from "./state";

/**
 * Recovery after a crash. A task claimed by a worker that stopped (its lease passed without renewal) is
 * queued again for another attempt; the claim's conditional update means the lost worker, should it come
 * back, can no longer complete it. `all` treats every running task as lost: right only where no other
 * process can be running tasks, i.e. the embedded database at start-up.
 */
export async function recoverLostTasks(db: Db, opts: { all?: boolean } = {}): Promise<number> {
  const lost = await db
    .select({ id: taskRuns.id, runId: taskRuns.runId })
    .from(taskRuns)
    .where(and(eq(taskRuns.status, "running"), opts.all ? undefined : lt(taskRuns.leaseUntil, new Date())))
    .limit(1_000);
  const byRun = new Map<string, string[]>();
  for (const t of lost) byRun.set(t.runId, [...(byRun.get(t.runId) ?? []), t.id]);
  let recovered = 0;
  for (const [runId, ids] of byRun) {
    await db.transaction(async (tx) => {
      const run = await lockRun(tx, runId);
      if (!run) return;
      const rows = await tx
        .update(taskRuns)
        .set({ status: "queued", queuedAt: new Date(), leaseUntil: null, workerId: null })
        .where(and(inArray(taskRuns.id, ids), eq(taskRuns.status, "running"), opts.all ? undefined : lt(taskRuns.leaseUntil, new Date())))
        .returning({ id: taskRuns.id, taskKey: taskRuns.taskKey, attempt: taskRuns.attempt });
      await appendRunEvents(
        tx,
        runId,
        rows.map((r) => ({ type: "task.recovered", taskKey: r.taskKey, payload: { attempt: r.attempt, reason: "Its worker stopped before finishing it." } })),
      );
      await wake(tx, rows.map((r) => ({ name: QUEUES.task, data: { taskRunId: r.id, runId } })));
      recovered += rows.length;
    });
  }
  return recovered;
}

/**
 * Wakes queued tasks of active runs when the task queue holds no job at all: their wake-ups were lost
 * (sent while no worker ran here, or dropped by the queue). Duplicates are harmless: claims are conditional.
 */
export async function rewakeQueued(db: Db): Promise<number> {
  const [pending] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pgboss.job where name = ${QUEUES.task} and state in ('created', 'retry', 'active')`),
  );
  if (Number(pending?.n ?? 0) > 0) return 0;
  const queued = await db
    .select({ id: taskRuns.id, runId: taskRuns.runId })
    .from(taskRuns)
    .innerJoin(runs, eq(runs.id, taskRuns.runId))
    .where(and(eq(taskRuns.status, "queued"), inArray(runs.status, ["running", "waiting_approval"])))
    .limit(1_000);
  if (queued.length === 0) return 0;
  await db.transaction((tx) => wake(tx, queued.map((q) => ({ name: QUEUES.task, data: { taskRunId: q.id, runId: q.runId } }))));
  return queued.length;
}
