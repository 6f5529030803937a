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
 * Wakes queued tasks whose wake-up is gone: queued for longer than a lease with no job waiting for them
 * (it was sent while no worker ran here, or a worker took the job and stopped before claiming the task).
 * A duplicate wake-up is harmless: claims are conditional.
 */
export async function rewakeQueued(db: Db, olderThanMs: number): Promise<number> {
  const before = new Date(Date.now() - olderThanMs).toISOString();
  const lost = rowsOf<{ id: string; run_id: string }>(
    await db.execute(sql`
      update ${taskRuns} t set queued_at = now()
      from ${runs} r
      where r.id = t.run_id and t.status = 'queued' and r.status in ('running', 'waiting_approval') and t.queued_at < ${before}::timestamptz
        and not exists (
          select 1 from pgboss.job j
          where j.name = ${QUEUES.task} and j.state in ('created', 'retry') and j.data->>'taskRunId' = t.id::text
        )
        and t.id in (select id from ${taskRuns} where status = 'queued' limit 1000)
      returning t.id, t.run_id`),
  );
  if (lost.length === 0) return 0;
  await db.transaction((tx) => wake(tx, lost.map((q) => ({ name: QUEUES.task, data: { taskRunId: q.id, runId: q.run_id } }))));
  return lost.length;
}
