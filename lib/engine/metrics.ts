import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { RUN_STATUSES, TASK_STATUSES } from "./run-state";
import { QUEUES } from "./runtime/queue";

/**
 * The engine's figures in the Prometheus text format, computed from the database on each scrape, so
 * every web instance answers the same and none keeps counters in memory. Counts only: no names, no
 * tenant data.
 */

const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

type Line = string;

function help(name: string, type: "gauge" | "histogram", text: string): Line[] {
  return [`# HELP ${name} ${text}`, `# TYPE ${name} ${type}`];
}

async function histogram(db: Db, name: string, text: string, table: "runs" | "task_runs"): Promise<Line[]> {
  const cols = BUCKETS.map((b, i) => sql.raw(`count(*) filter (where d <= ${b})::bigint as b${i}`));
  const [row] = rowsOf<Record<string, string | number>>(
    await db.execute(sql`
      select ${sql.join(cols, sql`, `)}, count(*)::bigint as n, coalesce(sum(d), 0)::float8 as s
      from (select extract(epoch from finished_at - started_at)::float8 as d from ${sql.raw(table)}
            where finished_at is not null and started_at is not null) x`),
  );
  const lines = help(name, "histogram", text);
  BUCKETS.forEach((b, i) => lines.push(`${name}_bucket{le="${b}"} ${Number(row?.[`b${i}`] ?? 0)}`));
  lines.push(`${name}_bucket{le="+Inf"} ${Number(row?.n ?? 0)}`, `${name}_sum ${Number(row?.s ?? 0)}`, `${name}_count ${Number(row?.n ?? 0)}`);
  return lines;
}

async function byStatus(db: Db, table: "runs" | "task_runs", statuses: readonly string[]): Promise<Map<string, number>> {
  const rows = rowsOf<{ status: string; n: number }>(await db.execute(sql`select status, count(*)::int as n from ${sql.raw(table)} group by status`));
  const out = new Map(statuses.map((s) => [s, 0]));
  for (const r of rows) out.set(r.status, Number(r.n));
  return out;
}

async function queueDepth(db: Db): Promise<Map<string, number>> {
  const depth = new Map<string, number>(Object.values(QUEUES).map((q) => [q, 0]));
  try {
    const rows = rowsOf<{ name: string; n: number }>(
      await db.execute(sql`select name, count(*)::int as n from pgboss.job where state in ('created', 'retry') group by name`),
    );
    for (const r of rows) if (depth.has(r.name)) depth.set(r.name, Number(r.n));
  } catch {
    // The queue's schema does not exist until an engine has started once: nothing is queued.
  }
  return depth;
}

/** The whole exposition: runs and tasks by status, active runs, run and task duration histograms, queue depth. */
export async function engineMetrics(db: Db): Promise<string> {
  const [runsBy, tasksBy, depth, runHist, taskHist] = await Promise.all([
    byStatus(db, "runs", RUN_STATUSES),
    byStatus(db, "task_runs", TASK_STATUSES),
    queueDepth(db),
    histogram(db, "tandem_run_duration_seconds", "Time from a run's start to its end, for finished runs.", "runs"),
    histogram(db, "tandem_task_duration_seconds", "Time from a task's last start to its end, for finished tasks.", "task_runs"),
  ]);
  const active = ["running", "paused", "waiting_approval"].reduce((n, s) => n + (runsBy.get(s) ?? 0), 0);
  return [
    ...help("tandem_runs", "gauge", "Runs by status."),
    ...[...runsBy].map(([s, n]) => `tandem_runs{status="${s}"} ${n}`),
    ...help("tandem_runs_active", "gauge", "Runs in progress (running, paused or waiting for approval)."),
    `tandem_runs_active ${active}`,
    ...help("tandem_tasks", "gauge", "Task runs by status."),
    ...[...tasksBy].map(([s, n]) => `tandem_tasks{status="${s}"} ${n}`),
    ...runHist,
    ...taskHist,
    ...help("tandem_queue_depth", "gauge", "Jobs waiting in each engine queue (created or retrying)."),
    ...[...depth].map(([q, n]) => `tandem_queue_depth{queue="${q}"} ${n}`),
    "",
  ].join("\n");
}
