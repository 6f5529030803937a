import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowVersions } from "@/db/schema";
import { type StageDef, type WorkflowDefinition, definitionSchema } from "@/lib/workflows/definition";
import type { Task, TaskGraph } from "../graph-schema";

/**
 * Pinned definitions for the runtime. Versions are immutable, so a parsed version may be kept: the cache
 * holds copies of rows that can never change, never state of its own. Bounded, oldest out first.
 */
const cache = new Map<string, WorkflowDefinition>();
const MAX_CACHED = 200;

/** A workflow's definition at `version` (parsed, defaults filled), or null when that version does not exist. */
export async function definitionAt(db: Db, workflowId: string, version: number): Promise<WorkflowDefinition | null> {
  const key = `${workflowId}:${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [row] = await db
    .select({ definition: workflowVersions.definition })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)));
  if (!row) return null;
  const def = definitionSchema.parse(row.definition);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, def);
  return def;
}

export type PinnedStage = { definition: WorkflowDefinition; stage: StageDef; graph: TaskGraph };

/** The stage and task graph a run executes; null when the version has no such stage or it has no tasks. */
export async function pinnedStage(db: Db, workflowId: string, version: number, stageId: string): Promise<PinnedStage | null> {
  const definition = await definitionAt(db, workflowId, version);
  const stage = definition?.stages.find((s) => s.id === stageId);
  if (!definition || !stage?.taskGraph || stage.taskGraph.tasks.length === 0 || stage.type === "HUMAN") return null;
  return { definition, stage, graph: stage.taskGraph };
}

/** Like `pinnedStage`, for a run that exists: its graph must be there. */
export async function requirePinnedStage(db: Db, run: { workflowId: string; definitionVersion: number; stageId: string }): Promise<PinnedStage> {
  const pinned = await pinnedStage(db, run.workflowId, run.definitionVersion, run.stageId);
  if (!pinned) throw new Error(`Run of stage ${run.stageId} at version ${run.definitionVersion}: its task graph is missing.`);
  return pinned;
}

const withReferences = new WeakMap<Task, boolean>();

/** Whether a task's input or executor settings hold `{{…}}`, i.e. need rendering (pinned tasks never change). */
export function hasReferences(def: Task): boolean {
  let v = withReferences.get(def);
  if (v === undefined) {
    v = JSON.stringify([def.input, def.executor]).includes("{{");
    withReferences.set(def, v);
  }
  return v;
}
