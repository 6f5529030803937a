import { and, eq, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { type Run, type TaskRun, runEvents, runs, stages, taskRuns, users, workItems } from "@/db/schema";
import type { TaskGraph } from "../graph-schema";
import type { ItemScope, RunScope, TaskSnapshot } from "../run-state";

/**
 * Locks a run's row until commit and returns it. Every change to a run or its tasks either holds this
 * lock or is one statement guarded by the run's `last_seq` (which updates the run row first): run row,
 * then task rows, so changes to one run never interleave and never deadlock.
 */
export async function lockRun(tx: Db, runId: string): Promise<Run | undefined> {
  const [run] = await tx.select().from(runs).where(eq(runs.id, runId)).for("update");
  return run;
}

/**
 * Locks a run's row (as `lockRun`), then reads all its tasks: what completing a task needs before it asks
 * the planner what follows. Two statements on purpose: under READ COMMITTED a statement that waited for the
 * lock still sees other tables as of its start, so tasks read in the locking statement could miss a change
 * the previous lock holder just committed (and a join would never start). Undefined when the run is missing.
 */
export async function lockRunWithTasks(tx: Db, runId: string): Promise<RunState | undefined> {
  const run = await lockRun(tx, runId);
  if (!run) return undefined;
  return { run, tasks: await loadTasks(tx, runId) };
}

/** A run and its tasks by task key. */
export type RunState = { run: Run; tasks: Map<string, TaskRun> };

/**
 * A run and all its tasks as one statement sees them, without a lock: a consistent snapshot for a step
 * whose write is guarded by the run's `last_seq` (see `writeRunStep`). Undefined when the run is missing.
 */
export async function readRunState(db: Db, runId: string): Promise<RunState | undefined> {
  const rows = await db.select({ run: runs, task: taskRuns }).from(runs).innerJoin(taskRuns, eq(taskRuns.runId, runs.id)).where(eq(runs.id, runId));
  if (rows.length === 0) return undefined;
  return { run: rows[0]!.run, tasks: new Map(rows.map((r) => [r.task.taskKey, r.task])) };
}

/** A claimed task and the run facts its execution needs. */
export type ClaimedRow = {
  run: Pick<Run, "id" | "workflowId" | "definitionVersion" | "stageId" | "status" | "input" | "workItemId">;
  task: Pick<TaskRun, "id" | "runId" | "taskKey" | "attempt" | "iteration" | "startedAt">;
};

/**
 * Claims a queued task in one statement: locks the run (only if it is running or waiting for an
 * approval), moves the task from `queued` to `running` with the next attempt number and a lease, and
 * appends `task.started`. Null when the task is not queued or the run may not start tasks now.
 */
export async function claimTask(db: Db, o: { runId: string; taskRunId: string; now: Date; leaseUntil: Date; workerId: string }): Promise<ClaimedRow | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with r as (
        select id, workflow_id, definition_version, stage_id, status, input, work_item_id
        from ${runs} where id = ${o.runId} and status in ('running', 'waiting_approval') for update
      ), t as (
        update ${taskRuns} set status = 'running', attempt = task_runs.attempt + 1, started_at = ${o.now.toISOString()}::timestamptz,
          lease_until = ${o.leaseUntil.toISOString()}::timestamptz, worker_id = ${o.workerId}, finished_at = null
        from r where task_runs.id = ${o.taskRunId} and task_runs.run_id = r.id and task_runs.status = 'queued'
        returning task_runs.id, task_runs.run_id, task_runs.task_key, task_runs.attempt, task_runs.iteration
      ), s as (
        update ${runs} set last_seq = runs.last_seq + 1, updated_at = now() from t where runs.id = t.run_id returning runs.last_seq
      ), e as (
        insert into ${runEvents} (run_id, seq, type, task_key, payload)
        select t.run_id, s.last_seq, 'task.started', t.task_key, jsonb_build_object('attempt', t.attempt, 'iteration', t.iteration) from t, s
      )
      select t.id, t.task_key, t.attempt, t.iteration, r.workflow_id, r.definition_version, r.stage_id, r.status, r.input, r.work_item_id,
        pg_notify('tandem_run_events', r.id::text) as notified
      from t, r`),
  );
  if (!row) return null;
  return {
    run: {
      id: o.runId,
      workflowId: row.workflow_id as string,
      definitionVersion: Number(row.definition_version),
      stageId: row.stage_id as string,
      status: row.status as Run["status"],
      input: row.input,
      workItemId: (row.work_item_id as string | null) ?? null,
    },
    task: { id: row.id as string, runId: o.runId, taskKey: row.task_key as string, attempt: Number(row.attempt), iteration: Number(row.iteration), startedAt: o.now },
  };
}

/** Every task of a run, by task key. */
export async function loadTasks(tx: Db, runId: string): Promise<Map<string, TaskRun>> {
  const rows = await tx.select().from(taskRuns).where(eq(taskRuns.runId, runId));
  return new Map(rows.map((r) => [r.taskKey, r]));
}

/** The planner's view of a run's tasks. */
export function snapshots(tasks: ReadonlyMap<string, TaskRun>): Map<string, TaskSnapshot> {
  const out = new Map<string, TaskSnapshot>();
  for (const [key, t] of tasks) out.set(key, { status: t.status, output: t.output });
  return out;
}

const readsItem = new WeakMap<object, boolean>();

/** Whether anything in a graph references the work item (pinned graphs are immutable, so the answer is kept). */
function graphReadsItem(graph: TaskGraph): boolean {
  let v = readsItem.get(graph);
  if (v === undefined) {
    v = /\{\{\s*item\./.test(JSON.stringify(graph));
    readsItem.set(graph, v);
  }
  return v;
}

/**
 * What references can read besides task outputs: the run's input and its work item (if any). Given the
 * graph, the item is loaded only when something in the graph reads it.
 */
export async function runScope(db: Db, run: Pick<Run, "input" | "workItemId">, graph?: TaskGraph): Promise<RunScope> {
  const needItem = run.workItemId && (!graph || graphReadsItem(graph));
  return { runInput: run.input, item: needItem ? await itemScope(db, run.workItemId!) : null };
}

async function itemScope(db: Db, itemId: string): Promise<ItemScope | null> {
  const [row] = await db
    .select({
      id: workItems.id,
      title: workItems.title,
      description: workItems.description,
      priority: workItems.priority,
      data: workItems.data,
      assignee: users.name,
      stage: stages.name,
    })
    .from(workItems)
    .innerJoin(stages, eq(stages.id, workItems.stageId))
    .leftJoin(users, eq(users.id, workItems.assigneeId))
    .where(eq(workItems.id, itemId));
  return row ? { ...row, assignee: row.assignee ?? null } : null;
}
