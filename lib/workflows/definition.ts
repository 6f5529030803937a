import { secretName } from "@/lib/secrets/schemas";
import { z } from "zod";
import { type GraphIssue, validateTaskGraph } from "@/lib/engine/graph";
import type { StageConfig } from "@/db/schema/workflows";
import { type TaskGraph, budgetSchema, taskGraphSchema } from "@/lib/engine/graph-schema";

/**
 * A workflow definition: what one immutable version holds. Stages in board order, each with its settings
 * and, for automated stages, a task graph. Pure: shared by the designer (live validation), the save path,
 * import/export, templates and the engine.
 */

export const STAGE_TYPES = ["HUMAN", "AUTOMATION", "AGENT_ASSIST"] as const;
export type StageKind = (typeof STAGE_TYPES)[number];

/** Bounds of a stage's run timeout: one second to thirty days, as for a task's own timeout. */
export const RUN_TIMEOUT_MIN_MS = 1_000;
export const RUN_TIMEOUT_MAX_MS = 30 * 24 * 3_600_000;
/** Bounds of a workflow's own limit on runs at a time. */
export const MAX_CONCURRENT_RUNS_LIMIT = 1_000;

export const stageDefSchema = z.object({
  /** The stage row's id; a new stage gets a fresh UUID from the designer. */
  id: z.string().uuid("A stage id must be a UUID."),
  name: z.string().max(80, "Keep a stage name under 80 characters."),
  type: z.enum(STAGE_TYPES),
  wipLimit: z.number().int().min(1, "A WIP limit is at least 1.").max(10_000).nullable(),
  agentPrompt: z.string().max(20_000),
  agentTargetPath: z.string().max(500),
  agentModelHint: z.string().max(120),
  agentAutoApply: z.boolean(),
  taskGraph: taskGraphSchema.nullable(),
  /** Guardrail policies (by tag) for every agent call of the stage: its task-graph agents and its agent assist. */
  policyTags: z.array(z.string().min(1).max(80)).max(20).default(() => []),
  /** A limit on the agent spend of one run of the stage's task graph; null for none. */
  budget: budgetSchema.nullable().default(null),
  /**
   * A run of the stage's task graph fails when it has not finished in this time; null for none. Optional
   * on input: versions and files written before it existed have no such field.
   */
  runTimeoutMs: z
    .number()
    .int("A run timeout is a whole number of milliseconds.")
    .min(RUN_TIMEOUT_MIN_MS, "A run timeout is at least 1 second (1000 ms); use null for no timeout.")
    .max(RUN_TIMEOUT_MAX_MS, "A run timeout is at most 30 days (2592000000 ms); use null for no timeout.")
    .nullable()
    .default(null),
});
export type StageDef = z.infer<typeof stageDefSchema>;

export const settingsSchema = z.object({
  /** Runs of this workflow at a time; null for no limit of its own (the instance-wide limit still applies). */
  maxConcurrentRuns: z
    .number()
    .int("Runs at a time (maxConcurrentRuns) is a whole number.")
    .min(1, "Runs at a time (maxConcurrentRuns) is at least 1; use null for no limit.")
    .max(MAX_CONCURRENT_RUNS_LIMIT, "Runs at a time (maxConcurrentRuns) is at most 1000; use null for no limit.")
    .nullable()
    .default(null),
  /** Secrets (by name) that runs and agent calls of this workflow need from its owner; absent: none. */
  requiredSecrets: z.array(secretName).max(20, "A workflow requires at most 20 secrets.").default(() => []),
});
export type WorkflowSettings = z.infer<typeof settingsSchema>;

export const definitionSchema = z.object({
  stages: z.array(stageDefSchema).max(50, "A workflow has at most 50 stages."),
  // A function, so that each parse gets its own object and an edit to one cannot leak into another.
  settings: settingsSchema.default(() => defaultSettings()),
});
export type WorkflowDefinition = z.infer<typeof definitionSchema>;

/** Workflow settings with nothing set: what definitions written before settings existed mean. */
export function defaultSettings(): WorkflowSettings {
  return { maxConcurrentRuns: null, requiredSecrets: [] };
}

/** A definition of these stages with default settings (seeds, factories, new workflows). */
export function definitionOf(stages: StageDef[], settings: Partial<WorkflowSettings> = {}): WorkflowDefinition {
  return { stages, settings: { ...defaultSettings(), ...settings } };
}

/** A problem found in a definition: where (a dotted path, and the stage/task/edge for the canvas) and what. */
export type DefinitionIssue = GraphIssue & { path: string; stageId?: string };

/** `base`, or `base 2`, `base 3`…: the first name no stage of `def` has yet (case-insensitive). */
export function uniqueStageName(def: Pick<WorkflowDefinition, "stages">, base: string): string {
  const taken = new Set(def.stages.map((s) => s.name.trim().toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/** Stage types whose items are worked by a task graph. */
export function hasTaskGraph(type: StageKind): boolean {
  return type !== "HUMAN";
}

/** A new stage with the defaults of its type (agent auto-apply is always off until someone turns it on). */
export function newStage(id: string, type: StageKind, name: string): StageDef {
  return {
    id,
    name,
    type,
    wipLimit: null,
    agentPrompt: "",
    agentTargetPath: type === "AGENT_ASSIST" ? "." : "",
    agentModelHint: "",
    agentAutoApply: false,
    taskGraph: null,
    policyTags: [],
    budget: null,
    runTimeoutMs: null,
  };
}

function graphPath(stageIndex: number, issue: GraphIssue, graph: TaskGraph): string {
  const base = `stages.${stageIndex}.taskGraph`;
  if (issue.taskId !== undefined) {
    const t = graph.tasks.findIndex((x) => x.id === issue.taskId);
    return `${base}.tasks.${t}${issue.field ? `.${issue.field}` : ""}`;
  }
  if (issue.edge) {
    const e = graph.edges.findIndex((x) => x.from === issue.edge!.from && x.to === issue.edge!.to);
    return `${base}.edges.${e}${issue.field ? `.${issue.field}` : ""}`;
  }
  return base;
}

/**
 * Everything wrong with a structurally valid definition: stage names, agent settings, and each task
 * graph's own problems. An empty list means it can be saved.
 */
export function validateDefinition(def: WorkflowDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  if (def.stages.length === 0) issues.push({ path: "stages", message: "A workflow needs at least one stage." });
  const seenNames = new Map<string, number>();
  const seenIds = new Set<string>();
  def.stages.forEach((s, i) => {
    const at = (field: string, message: string) =>
      issues.push({ path: `stages.${i}.${field}`, stageId: s.id, field, message });
    const name = s.name.trim();
    if (!name) at("name", `Stage ${i + 1} needs a name.`);
    else if (seenNames.has(name.toLowerCase())) at("name", `Two stages are called “${name}”; give each a different name.`);
    seenNames.set(name.toLowerCase(), i);
    if (seenIds.has(s.id)) at("id", `Stage “${name}” repeats the id of another stage.`);
    seenIds.add(s.id);
    if (s.type === "AGENT_ASSIST" && !s.agentPrompt.trim()) {
      at("agentPrompt", `“${name || `Stage ${i + 1}`}” is an agent-assist stage; tell the agent what to do (agent prompt).`);
    }
    if (s.agentTargetPath && (s.agentTargetPath.startsWith("/") || s.agentTargetPath.split(/[\\/]/).includes(".."))) {
      at("agentTargetPath", "The agent target path names a repository under the allowed roots (like “shop” or “shop/src”): it may not start with “/” or contain “..”.");
    }
    if (!s.taskGraph) return;
    if (!hasTaskGraph(s.type)) {
      if (s.taskGraph.tasks.length > 0) {
        at("taskGraph", `“${name}” is a human stage and cannot run tasks; remove its tasks or change its type.`);
      }
      return;
    }
    for (const issue of validateTaskGraph(s.taskGraph)) {
      issues.push({ ...issue, stageId: s.id, path: graphPath(i, issue, s.taskGraph) });
    }
  });
  return issues;
}

/**
 * A stage's settings as stored in the `stages.config` column, which mirrors the latest version for the
 * board. The task graph stays in the version alone: runs read the version they pinned.
 */
export function stageConfigOf(s: StageDef): StageConfig {
  return {
    wipLimit: s.wipLimit,
    agentPrompt: s.agentPrompt,
    agentTargetPath: s.agentTargetPath,
    agentModelHint: s.agentModelHint,
    agentAutoApply: s.agentAutoApply,
  };
}

/** The definition stored rows describe, for workflows created before versions existed (and seeds). */
export function stageDefOf(row: { id: string; name: string; type: StageKind; config: StageConfig }, graph: TaskGraph | null = null): StageDef {
  const c = row.config;
  return {
    ...newStage(row.id, row.type, row.name),
    wipLimit: c.wipLimit ?? null,
    agentPrompt: c.agentPrompt ?? "",
    agentTargetPath: c.agentTargetPath ?? (row.type === "AGENT_ASSIST" ? "." : ""),
    agentModelHint: c.agentModelHint ?? "",
    agentAutoApply: c.agentAutoApply ?? false,
    taskGraph: graph,
  };
}
