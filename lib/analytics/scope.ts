import { type SQL, and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, rowsOf } from "@/db/client";
import { workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { visibleWorkflowsWhere } from "@/lib/auth/visibility";
import { NotFound } from "@/lib/errors";
import type { AnalyticsRange } from "./types";

/** What every workflow figure is computed for: one workflow the actor can see, one range. */
export type AnalyticsScope = { db: Db; actor: Actor; workflowId: string; range: AnalyticsRange };

/**
 * `fn` computed once per scope object: the widgets of one page pass the same scope and share the
 * result; another request's scope computes afresh, and nothing outlives the scope.
 */
export function oncePerScope<S extends object, T>(fn: (scope: S) => Promise<T>): (scope: S) => Promise<T> {
  const results = new WeakMap<S, Promise<T>>();
  return (scope) => {
    let result = results.get(scope);
    if (!result) {
      result = fn(scope);
      results.set(scope, result);
    }
    return result;
  };
}

/** Checks that the actor can see the workflow; invisible, malformed and missing ids are all NotFound. Once per scope. */
export const assertVisible = oncePerScope(checkVisible);

async function checkVisible({ db, actor, workflowId }: Pick<AnalyticsScope, "db" | "actor" | "workflowId">): Promise<void> {
  if (!z.uuid().safeParse(workflowId).success) throw new NotFound("Workflow");
  const [wf] = await db
    .select({ id: workflows.id })
    .from(workflows)
    .where(and(eq(workflows.id, workflowId), visibleWorkflowsWhere(actor)))
    .limit(1);
  if (!wf) throw new NotFound("Workflow");
}

/** Whether the range narrows the items (by priority or assignee). */
export function filtersItems(range: AnalyticsRange): boolean {
  return Boolean(range.priorities?.length) || range.assigneeId !== undefined;
}

/** The item filters of a range as a predicate on `work_items` aliased `i` (true when there are none). */
export function itemFilter(range: AnalyticsRange): SQL {
  const parts: SQL[] = [];
  if (range.priorities?.length) parts.push(sql`i.priority in (${sql.join(range.priorities.map((p) => sql`${p}`), sql`, `)})`);
  if (range.assigneeId === null) parts.push(sql`i.assignee_id is null`);
  else if (range.assigneeId !== undefined) parts.push(sql`i.assignee_id = ${range.assigneeId}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Runs a statement and returns its rows typed; numbers from `count(*)` and friends arrive as strings on some drivers. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** A number or null from a SQL value that may be a string (bigint, numeric) or null. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A fraction, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
