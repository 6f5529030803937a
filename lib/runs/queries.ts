import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type RunStatusValue, agentCalls, catalogAgents, runs, stages, taskApprovals, taskRuns, users, workItems, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { visibleWorkflowsWhere } from "@/lib/auth/visibility";
import { listRunAgentCalls, runSpend } from "@/lib/catalog/queries";
import type { ExecutorOf } from "@/lib/engine/graph-schema";
import { requirePinnedStage } from "@/lib/engine/runtime/definitions";
import { requireRun } from "./access";
import { agentWaitsOf } from "./agent-waits";

/** Read models of runs for the run page, the item page and the REST API; each takes the actor. */

/** A run with its graph, every task's state, the approval decisions, and what the actor may do. */
export async function getRunView({ db, actor, runId }: { db: Db; actor: Actor; runId: string }) {
  const { run, workflow } = await requireRun(db, actor, runId, "READ");
  const pinned = await requirePinnedStage(db, run);
  const [taskRows, decisions, [stage], [item], [initiator]] = await Promise.all([
    db.select().from(taskRuns).where(eq(taskRuns.runId, run.id)),
    db
      .select({ taskRunId: taskApprovals.taskRunId, iteration: taskApprovals.iteration, userId: taskApprovals.userId, name: users.name, approve: taskApprovals.approve, comment: taskApprovals.comment, at: taskApprovals.at })
      .from(taskApprovals)
      .innerJoin(taskRuns, eq(taskRuns.id, taskApprovals.taskRunId))
      .innerJoin(users, eq(users.id, taskApprovals.userId))
      .where(eq(taskRuns.runId, run.id))
      .orderBy(asc(taskApprovals.at)),
    db.select({ id: stages.id, name: stages.name, type: stages.type }).from(stages).where(eq(stages.id, run.stageId)),
    run.workItemId
      ? db.select({ id: workItems.id, title: workItems.title, stageId: workItems.stageId }).from(workItems).where(eq(workItems.id, run.workItemId))
      : Promise.resolve([]),
    run.initiatorId ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, run.initiatorId)) : Promise.resolve([]),
  ]);
  const byKey = new Map(taskRows.map((t) => [t.taskKey, t]));
  const canWrite = atLeast(workflow.level, "WRITE");
  const tasks = pinned.graph.tasks.map((def) => {
    const t = byKey.get(def.id);
    const mine = decisions.filter((d) => d.taskRunId === t?.id && d.iteration === t?.iteration);
    const gate = def.executor.kind === "approval" ? (def.executor as ExecutorOf<"approval">) : null;
    const waiting = t?.status === "waiting" && run.status !== "paused";
    return {
      key: def.id,
      name: def.name || def.id,
      executor: def.executor.kind,
      status: t?.status ?? "pending",
      attempt: t?.attempt ?? 0,
      iteration: t?.iteration ?? 1,
      // A static input is stored only in the definition; a rendered one on the task.
      input: t?.input ?? (t?.startedAt ? def.input : null),
      output: t?.output ?? null,
      error: t?.error ?? null,
      errorDetails: t?.errorDetails ?? null,
      waitingFor: t?.waitingFor ?? null,
      queuedAt: t?.queuedAt ?? null,
      startedAt: t?.startedAt ?? null,
      finishedAt: t?.finishedAt ?? null,
      durationMs: t?.startedAt && t.finishedAt ? t.finishedAt.getTime() - t.startedAt.getTime() : null,
      approval: gate
        ? {
            needed: gate.approvals,
            level: gate.level,
            instructions: gate.instructions ?? "",
            decisions: mine.map(({ userId, name, approve, comment, at }) => ({ userId, name, approve, comment, at })),
            canDecide: Boolean(waiting && atLeast(workflow.level, gate.level) && !mine.some((d) => d.userId === actor.userId)),
          }
        : null,
      canSubmit: Boolean(waiting && def.executor.kind === "human" && canWrite),
      canRetryFrom: canWrite && (run.status === "failed" || run.status === "cancelled") && (t?.status === "failed" || t?.status === "cancelled"),
    };
  });
  return {
    run: { ...run, initiator: initiator ?? null },
    workflow: { id: workflow.id, name: workflow.name, level: workflow.level },
    stage: stage!,
    item: item ?? null,
    graph: pinned.graph,
    tasks,
    can: {
      pause: canWrite && (run.status === "running" || run.status === "waiting_approval"),
      resume: canWrite && run.status === "paused",
      cancel: canWrite && ["pending", "running", "paused", "waiting_approval"].includes(run.status),
    },
  };
}
export type RunView = Awaited<ReturnType<typeof getRunView>>;

/**
 * The run page in one round of queries: the run view, every agent call with its transcript, the run's
 * agent spend, and the calls waiting for a person (with whether the actor may decide them).
 */
export async function getRunPage({ db, actor, runId }: { db: Db; actor: Actor; runId: string }) {
  const [view, calls, spend] = await Promise.all([getRunView({ db, actor, runId }), listRunAgentCalls(db, actor, runId), runSpend(db, actor, runId)]);
  const waits = agentWaitsOf({ runStatus: view.run.status, level: view.workflow.level, tasks: view.tasks, calls });
  return { view, agents: { calls, spend, waits } };
}
export type RunAgents = Awaited<ReturnType<typeof getRunPage>>["agents"];

/**
 * The agent calls of a run that wait for a decision, without transcripts: what the item page offers
 * inline. Reads the calls only when a task waits for one.
 */
export async function listAgentWaits({ db, actor, runId }: { db: Db; actor: Actor; runId: string }) {
  const view = await getRunView({ db, actor, runId });
  if (!view.tasks.some((t) => t.status === "waiting" && t.waitingFor === "agent")) return [];
  const rows = await db
    .select({ c: { id: agentCalls.id, iteration: agentCalls.iteration, status: agentCalls.status, gate: agentCalls.gate, at: agentCalls.at, agentId: agentCalls.catalogAgentId, version: agentCalls.agentVersion }, taskKey: taskRuns.taskKey, agentName: catalogAgents.name })
    .from(agentCalls)
    .innerJoin(taskRuns, eq(taskRuns.id, agentCalls.taskRunId))
    .leftJoin(catalogAgents, eq(catalogAgents.id, agentCalls.catalogAgentId))
    .where(and(eq(agentCalls.runId, view.run.id), eq(agentCalls.status, "waiting")))
    .orderBy(asc(agentCalls.id));
  const calls = rows.map(({ c, taskKey, agentName }) => ({
    id: c.id,
    taskKey,
    iteration: c.iteration ?? 1,
    status: c.status ?? "waiting",
    gate: c.gate ?? null,
    agent: c.agentId ? { id: c.agentId, name: agentName ?? "(deleted agent)", version: c.version } : null,
    at: c.at.toISOString(),
  }));
  return agentWaitsOf({ runStatus: view.run.status, level: view.workflow.level, tasks: view.tasks, calls });
}

/** Runs the actor can see, newest first: of one workflow, of one item, or all, optionally by status; `before` pages. */
export async function listRuns({
  db,
  actor,
  workflowId,
  workItemId,
  status,
  limit = 50,
  before,
}: {
  db: Db;
  actor: Actor;
  workflowId?: string;
  workItemId?: string;
  status?: RunStatusValue[];
  limit?: number;
  before?: Date;
}) {
  return db
    .select({
      id: runs.id,
      status: runs.status,
      origin: runs.origin,
      error: runs.error,
      createdAt: runs.createdAt,
      startedAt: runs.startedAt,
      finishedAt: runs.finishedAt,
      definitionVersion: runs.definitionVersion,
      workflowId: runs.workflowId,
      workflowName: workflows.name,
      stageId: runs.stageId,
      stageName: stages.name,
      workItemId: runs.workItemId,
    })
    .from(runs)
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .innerJoin(stages, eq(stages.id, runs.stageId))
    .where(
      and(
        visibleWorkflowsWhere(actor),
        workflowId ? eq(runs.workflowId, workflowId) : undefined,
        workItemId ? eq(runs.workItemId, workItemId) : undefined,
        status?.length ? inArray(runs.status, status) : undefined,
        before ? lt(runs.createdAt, before) : undefined,
      ),
    )
    .orderBy(desc(runs.createdAt))
    .limit(Math.min(Math.max(limit, 1), 200));
}
