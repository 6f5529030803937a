import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Trigger, stages, users, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { visibleWorkflowsWhere } from "@/lib/auth/visibility";
import { listVisibleWorkflows } from "@/lib/workflows/queries";
import { listLiveStages } from "@/lib/workflows/stages";
import { EVENT_LABELS, type CronConfig, type EventConfig, type TriggerView } from "./schemas";
import { listTriggers } from "./service";

/** Read models of triggers for the triggers page and the API; names the actor cannot see stay unnamed. */

/** Where a webhook trigger listens, as a path on this server. */
export const webhookPath = (id: string) => `/api/webhooks/${id}`;

/**
 * Triggers as the actor may see them, each with a one-line summary. A source workflow (or stage) the
 * actor cannot read is described without its name.
 */
export async function triggerViews(db: Db, actor: Actor, rows: Trigger[]): Promise<TriggerView[]> {
  const sourceIds = [...new Set(rows.flatMap((t) => (t.kind === "event" ? [(t.config as EventConfig).sourceWorkflowId] : [])))];
  const stageIds = [...new Set(rows.flatMap((t) => [(t.config as EventConfig).stageId, (t.config as EventConfig).targetStageId].filter((s): s is string => !!s)))];
  const creatorIds = [...new Set(rows.flatMap((t) => (t.createdById ? [t.createdById] : [])))];
  const [sources, stageRows, creators] = await Promise.all([
    sourceIds.length
      ? db.select({ id: workflows.id, name: workflows.name }).from(workflows).where(and(inArray(workflows.id, sourceIds), visibleWorkflowsWhere(actor)))
      : [],
    stageIds.length
      ? db
          .select({ id: stages.id, name: stages.name })
          .from(stages)
          .innerJoin(workflows, eq(workflows.id, stages.workflowId))
          .where(and(inArray(stages.id, stageIds), visibleWorkflowsWhere(actor)))
      : [],
    creatorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, creatorIds)) : [],
  ]);
  const name = (list: { id: string; name: string }[], id: string | undefined) => list.find((x) => x.id === id)?.name;
  return rows.map((t) => {
    const config = t.config as Record<string, unknown>;
    let summary: string;
    if (t.kind === "event") {
      const c = config as EventConfig;
      const source = name(sources, c.sourceWorkflowId);
      const where = source ? `“${source}”` : "a workflow you cannot see";
      const stage = c.stageId ? name(stageRows, c.stageId) : undefined;
      summary = `${EVENT_LABELS[c.event] ?? c.event} in ${where}${c.stageId ? ` (stage ${stage ? `“${stage}”` : "not visible"})` : ""}`;
    } else if (t.kind === "cron") {
      const c = config as CronConfig;
      summary = `${c.cron} (${c.timezone})`;
    } else {
      summary = `POST ${webhookPath(t.id)}`;
    }
    const target = (config as { targetStageId?: string }).targetStageId;
    if (target) summary += ` → “${name(stageRows, target) ?? "a removed stage"}”`;
    return {
      id: t.id,
      workflowId: t.workflowId,
      kind: t.kind,
      name: t.name,
      enabled: t.enabled,
      config,
      summary,
      createdByName: name(creators, t.createdById ?? undefined) ?? null,
      createdAt: t.createdAt.toISOString(),
      lastFiredAt: t.lastFiredAt?.toISOString() ?? null,
      webhookPath: t.kind === "webhook" ? webhookPath(t.id) : null,
    };
  });
}

export type SourceOption = { id: string; name: string; stages: { id: string; name: string }[] };

/**
 * The triggers page: the workflow, its triggers, and for those who may add triggers its stages (targets)
 * and the workflows they can read with their stages (event sources).
 */
export async function getTriggersPage({ db, actor, workflowId }: { db: Db; actor: Actor; workflowId: string }) {
  const { workflow, triggers } = await listTriggers(db, actor, { workflowId });
  const canWrite = atLeast(workflow.level, "WRITE");
  const [views, ownStages, readable] = await Promise.all([
    triggerViews(db, actor, triggers),
    listLiveStages(db, workflow.id),
    canWrite ? listVisibleWorkflows({ db, actor }) : [],
  ]);
  const sourceStages = readable.length
    ? await db
        .select({ workflowId: stages.workflowId, id: stages.id, name: stages.name })
        .from(stages)
        .where(and(inArray(stages.workflowId, readable.map((w) => w.id)), isNull(stages.removedAt)))
        .orderBy(asc(stages.position))
    : [];
  const sources: SourceOption[] = readable
    .map((w) => ({ id: w.id, name: w.name, stages: sourceStages.filter((s) => s.workflowId === w.id).map(({ id, name }) => ({ id, name })) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    workflow: { id: workflow.id, name: workflow.name, level: workflow.level },
    canWrite,
    triggers: views,
    stages: ownStages.map((s) => ({ id: s.id, name: s.name })),
    sources,
  };
}
export type TriggersPage = Awaited<ReturnType<typeof getTriggersPage>>;
