import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type RunStatusValue, runs, workItems } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { getRunView, listRuns } from "@/lib/runs/queries";

/** Runs as items show them: the board card's latest-run state and the item page's run list. */

/** What a board card knows of its item's latest run in the current stage. */
export type CardRun = { id: string; status: RunStatusValue; error: string | null };

/** Only runs someone should notice show on a card; a completed or cancelled run shows nothing. */
const SHOWN: ReadonlySet<RunStatusValue> = new Set(["pending", "running", "paused", "waiting_approval", "failed"]);
/** A card carries the start of an error; the run page has all of it. */
const CARD_ERROR_CHARS = 300;

/**
 * The latest run of each open item of a workflow in the stage the item is in now (optionally only
 * `itemIds`), in one query, keyed by item id. Items without one, or whose latest is finished and fine,
 * are absent. The caller has checked the actor can read the workflow.
 */
export async function latestStageRuns(db: Db, workflowId: string, itemIds?: string[]): Promise<Map<string, CardRun>> {
  if (itemIds && itemIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([runs.workItemId], { itemId: runs.workItemId, id: runs.id, status: runs.status, error: runs.error })
    .from(runs)
    .innerJoin(workItems, and(eq(workItems.id, runs.workItemId), eq(workItems.stageId, runs.stageId)))
    .where(and(eq(runs.workflowId, workflowId), isNull(workItems.archivedAt), itemIds ? inArray(runs.workItemId, itemIds) : undefined))
    .orderBy(runs.workItemId, desc(runs.createdAt), desc(runs.id));
  const out = new Map<string, CardRun>();
  for (const r of rows) {
    if (!r.itemId || !SHOWN.has(r.status)) continue;
    const error = r.status === "failed" && r.error ? r.error.slice(0, CARD_ERROR_CHARS) : null;
    out.set(r.itemId, { id: r.id, status: r.status, error });
  }
  return out;
}

/** How many of an item's runs its page lists. */
const ITEM_RUNS = 20;

/**
 * An item's runs for its page, newest first, and the approval the actor could give right now on the
 * latest run of the item's current stage (the first one waiting for them), if any.
 */
export async function getItemRuns({ db, actor, item }: { db: Db; actor: Actor; item: { id: string; stageId: string } }) {
  const list = await listRuns({ db, actor, workItemId: item.id, limit: ITEM_RUNS });
  const current = list.find((r) => r.stageId === item.stageId);
  let approval = null;
  if (current && (current.status === "waiting_approval" || current.status === "running")) {
    const view = await getRunView({ db, actor, runId: current.id });
    const task = view.tasks.find((t) => t.approval?.canDecide);
    if (task?.approval) {
      approval = {
        runId: view.run.id,
        taskKey: task.key,
        taskName: task.name,
        instructions: task.approval.instructions,
        needed: task.approval.needed,
        approvals: task.approval.decisions.filter((d) => d.approve).length,
      };
    }
  }
  return { runs: list, approval };
}

/**
 * Titles of a workflow's items by id (archived ones too), for lists of runs that span items. The
 * caller has checked the actor can read the workflow; ids of other workflows are ignored.
 */
export async function itemTitles(db: Db, workflowId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: workItems.id, title: workItems.title })
    .from(workItems)
    .where(and(eq(workItems.workflowId, workflowId), inArray(workItems.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.title]));
}
