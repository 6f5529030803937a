import { and, eq, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { type Run, type TaskRun, runs, stages, taskRuns, users, workItems } from "@/db/schema";
import type { TaskGraph } from "../graph-schema";
import type { ItemScope, RunScope, TaskSnapshot } from "../run-state";

/** Statuses of a run that is still in progress (it holds a concurrency slot). */
export const ACTIVE_RUN_STATUSES = ["running", "paused", "waiting_approval"] as const;

/**
 * Locks a run's row until commit and returns it. Every change to a run or its tasks takes this lock
 * first (run row, then task rows), so changes to one run never interleave and never deadlock.
 */
export async function lockRun(tx: Db, runId: string): Promise<Run | undefined> {
  const [run] = await tx.select().from(runs).where(eq(runs.id, runId)).for("update");
  return run;
}

/** Locks a run's row (as `lockRun`) and reads one of its tasks in the same statement; undefined when either is missing. */
export async function lockRunWithTask(tx: Db, runId: string, taskRunId: string): Promise<{ run: Run; task: TaskRun } | undefined> {
  const [row] = await tx
    .select({ run: runs, task: taskRuns })
    .from(taskRuns)
    .innerJoin(runs, eq(runs.id, taskRuns.runId))
    .where(and(eq(taskRuns.id, taskRunId), eq(taskRuns.runId, runId)))
    .for("update", { of: runs });
  return row;
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

/** Runs in progress, in total and for one workflow: what the concurrency limits count. */
export async function activeRunCounts(tx: Db, workflowId: string): Promise<{ workflow: number; total: number }> {
  const [row] = rowsOf<{ workflow: number; total: number }>(
    await tx.execute(sql`
      select count(*) filter (where workflow_id = ${workflowId})::int as workflow, count(*)::int as total
      from ${runs} where status in ('running', 'paused', 'waiting_approval')`),
  );
  return { workflow: Number(row?.workflow ?? 0), total: Number(row?.total ?? 0) };
}
