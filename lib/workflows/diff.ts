import { type Budget, type Edge, type Executor, type Task, type TaskGraph, edgeKey, emptyGraph } from "@/lib/engine/graph-schema";
import type { StageDef, StageKind, WorkflowDefinition } from "./definition";
import {
  canonicalJson,
  executorLabel,
  formatCondition,
  formatDuration,
  formatLoop,
  formatRetry,
  formatValue,
  shortenPair,
  stageTypeLabel,
} from "./diff-format";

/**
 * A readable difference between two workflow definitions, for the version-compare page and the audit
 * log. Stages match by id, tasks by id within their stage, edges by from→to. Canvas positions are not
 * compared: moving a node is not a change worth listing.
 */

/** One changed setting; `before`/`after` are display text ("3", "none", "on"), cut to about 120 chars. */
export type Change = { field: string; label: string; before: string; after: string };
export type StageRef = { id: string; name: string; type: StageKind };
export type TaskRef = { id: string; name: string };
/** `label` reads "Review → Merge" (task names); `condition` reads "always" or `{{…}} equals true`. */
export type EdgeRef = { from: string; to: string; label: string; condition: string };

export type TaskDiff = {
  added: TaskRef[];
  removed: TaskRef[];
  changed: (TaskRef & { changes: Change[] })[];
  edgesAdded: EdgeRef[];
  edgesRemoved: EdgeRef[];
  edgesChanged: { from: string; to: string; label: string; changes: Change[] }[];
};

export type DefinitionDiff = {
  /** Workflow-wide settings that changed (runs at a time). */
  settings: Change[];
  stages: {
    added: StageRef[];
    removed: StageRef[];
    /** 1-based positions; only the stages that changed order relative to the others, not those shifted by an insert. */
    moved: { id: string; name: string; from: number; to: number }[];
    /** Stages in both versions with a setting change (`changes`, incl. "Roles") or a task-graph change (`tasks`). */
    changed: { id: string; name: string; changes: Change[]; tasks: TaskDiff }[];
  };
  empty: boolean;
};

type Field<T> = { field: string; label: string; get: (x: T) => unknown; show?: (v: never) => string };

/** A budget in words: "$0.50 / 20,000 tokens", "$2.00", "5,000 tokens"; no budget reads "none". */
export function formatBudget(b: Budget | null | undefined): string {
  if (!b || (b.maxCostUsd === null && b.maxTokens === null)) return "none";
  const cost = b.maxCostUsd === null ? null : `$${b.maxCostUsd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
  const tokens = b.maxTokens === null ? null : `${b.maxTokens.toLocaleString("en-US")} ${b.maxTokens === 1 ? "token" : "tokens"}`;
  return [cost, tokens].filter(Boolean).join(" / ");
}

// Absent (definitions from before budgets) and null both mean no budget, and compare equal.
const budgetOf = (b: Budget | null | undefined): Budget | null => b ?? null;

function change<T>(f: Field<T>, a: T, b: T): Change | null {
  const va = f.get(a);
  const vb = f.get(b);
  if (canonicalJson(va) === canonicalJson(vb)) return null;
  const show = (f.show ?? formatValue) as (v: unknown) => string;
  const [before, after] = shortenPair(show(va), show(vb));
  return { field: f.field, label: f.label, before, after };
}

function changes<T>(fields: Field<T>[], a: T, b: T): Change[] {
  return fields.map((f) => change(f, a, b)).filter((c): c is Change => c !== null);
}

const STAGE_FIELDS: Field<StageDef>[] = [
  { field: "name", label: "Name", get: (s) => s.name },
  { field: "type", label: "Type", get: (s) => s.type, show: stageTypeLabel },
  { field: "wipLimit", label: "WIP limit", get: (s) => s.wipLimit },
  { field: "runTimeoutMs", label: "Run timeout", get: (s) => s.runTimeoutMs, show: (v: number | null) => (v === null ? "none" : formatDuration(v)) },
  { field: "budget", label: "Run budget", get: (s) => budgetOf(s.budget), show: formatBudget },
  { field: "policyTags", label: "Policy tags", get: (s) => s.policyTags },
  { field: "agentPrompt", label: "Agent prompt", get: (s) => s.agentPrompt },
  { field: "agentTargetPath", label: "Agent target path", get: (s) => s.agentTargetPath },
  { field: "agentModelHint", label: "Agent model hint", get: (s) => s.agentModelHint },
  { field: "agentAutoApply", label: "Agent auto-apply", get: (s) => s.agentAutoApply },
  {
    // Roles have no list of their own in the diff; without this row a role edit would read as "no changes".
    field: "taskGraph.roles",
    label: "Roles",
    get: (s) => s.taskGraph?.roles ?? [],
    show: (roles: TaskGraph["roles"]) =>
      roles.length === 0
        ? "none"
        : roles.map((r) => `${r.name || r.id}${r.capabilities.length ? ` (${r.capabilities.join(", ")})` : ""}`).join("; "),
  },
];

const SETTINGS_FIELDS: Field<WorkflowDefinition>[] = [
  {
    field: "settings.maxConcurrentRuns",
    label: "Runs at a time",
    get: (d) => d.settings.maxConcurrentRuns,
    show: (v: number | null) => (v === null ? "no limit" : String(v)),
  },
  {
    field: "settings.requiredSecrets",
    label: "Required secrets",
    get: (d) => d.settings.requiredSecrets.join(", "),
    show: (v: string) => v || "none",
  },
];

type ExecutorField = { key: string; label: string; show?: (v: never) => string };
const EXECUTOR_FIELDS: ExecutorField[] = [
  { key: "role", label: "Role" },
  { key: "modelHint", label: "Model hint" },
  { key: "prompt", label: "Prompt" },
  { key: "approvals", label: "Approvals" },
  { key: "level", label: "Approver level", show: (v: string | undefined) => (v ? `${v[0]}${v.slice(1).toLowerCase()}` : "none") },
  { key: "instructions", label: "Instructions" },
  { key: "onTimeout", label: "On timeout" },
  { key: "url", label: "URL" },
  { key: "method", label: "Method" },
  { key: "headers", label: "Headers" },
  { key: "body", label: "Body" },
  { key: "output", label: "Output mapping" },
  { key: "ms", label: "Delay", show: (v: number | undefined) => (v === undefined ? "none" : formatDuration(v)) },
];

// Empty text and no value both mean "none" (a human task's instructions are "", an approval's may be absent).
const field = (e: Executor, key: string): unknown => {
  const v = (e as Record<string, unknown>)[key];
  return v === "" ? undefined : v;
};

const TASK_FIELDS: Field<Task>[] = [
  { field: "name", label: "Name", get: (t) => t.name },
  { field: "executor.kind", label: "Executor", get: (t) => t.executor.kind, show: executorLabel },
  ...EXECUTOR_FIELDS.map(
    (f): Field<Task> => ({ field: `executor.${f.key}`, label: f.label, get: (t) => field(t.executor, f.key), show: f.show }),
  ),
  { field: "input", label: "Input", get: (t) => t.input },
  { field: "retry", label: "Retry", get: (t) => t.retry, show: formatRetry },
  { field: "timeoutMs", label: "Timeout", get: (t) => t.timeoutMs, show: (v: number | null) => (v === null ? "none" : formatDuration(v)) },
  { field: "inputSchema", label: "Input schema", get: (t) => t.inputSchema },
  { field: "outputSchema", label: "Output schema", get: (t) => t.outputSchema },
  { field: "policyTags", label: "Policy tags", get: (t) => t.policyTags },
  { field: "budget", label: "Budget", get: (t) => budgetOf(t.budget), show: formatBudget },
  { field: "loop", label: "Loop", get: (t) => t.loop, show: formatLoop },
];

const EDGE_FIELDS: Field<Edge>[] = [{ field: "condition", label: "Condition", get: (e) => e.condition, show: formatCondition }];

function byKey<T>(items: T[], key: (x: T) => string): Map<string, T> {
  return new Map(items.map((x) => [key(x), x]));
}

function diffGraphs(a: TaskGraph, b: TaskGraph): TaskDiff {
  const ta = byKey(a.tasks, (t) => t.id);
  const tb = byKey(b.tasks, (t) => t.id);
  const ref = (t: Task): TaskRef => ({ id: t.id, name: t.name });
  const nameIn = (m: Map<string, Task>, id: string) => m.get(id)?.name || id;
  const edgeRef = (e: Edge, names: Map<string, Task>): EdgeRef => ({
    from: e.from,
    to: e.to,
    label: `${nameIn(names, e.from)} → ${nameIn(names, e.to)}`,
    condition: formatCondition(e.condition),
  });
  const ea = byKey(a.edges, edgeKey);
  const eb = byKey(b.edges, edgeKey);
  return {
    added: b.tasks.filter((t) => !ta.has(t.id)).map(ref),
    removed: a.tasks.filter((t) => !tb.has(t.id)).map(ref),
    changed: b.tasks.flatMap((t) => {
      const old = ta.get(t.id);
      const c = old ? changes(TASK_FIELDS, old, t) : [];
      return c.length ? [{ ...ref(t), changes: c }] : [];
    }),
    edgesAdded: b.edges.filter((e) => !ea.has(edgeKey(e))).map((e) => edgeRef(e, tb)),
    edgesRemoved: a.edges.filter((e) => !eb.has(edgeKey(e))).map((e) => edgeRef(e, ta)),
    edgesChanged: b.edges.flatMap((e) => {
      const old = ea.get(edgeKey(e));
      const c = old ? changes(EDGE_FIELDS, old, e) : [];
      return c.length ? [{ from: e.from, to: e.to, label: edgeRef(e, tb).label, changes: c }] : [];
    }),
  };
}

function taskDiffEmpty(d: TaskDiff): boolean {
  return Object.values(d).every((list) => list.length === 0);
}

/**
 * Indexes (into `seq`) of a longest increasing subsequence: the stages that kept their relative order.
 * Everything else is what moved, so inserting a stage at the front does not make every later one "moved".
 */
function keptInOrder(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  seq.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prev[i]!) kept.add(i);
  return kept;
}

/** What changed from `before` to `after`, stage by stage, in words ready for the compare page. */
export function diffDefinitions(before: WorkflowDefinition, after: WorkflowDefinition): DefinitionDiff {
  const sa = byKey(before.stages, (s) => s.id);
  const sb = byKey(after.stages, (s) => s.id);
  const ref = (s: StageDef): StageRef => ({ id: s.id, name: s.name, type: s.type });
  const beforeIndex = new Map(before.stages.map((s, i) => [s.id, i]));
  const common = after.stages.filter((s) => sa.has(s.id));
  const kept = keptInOrder(common.map((s) => beforeIndex.get(s.id)!));
  const afterIndex = new Map(after.stages.map((s, i) => [s.id, i]));
  const moved = common
    .filter((_, i) => !kept.has(i))
    .map((s) => ({ id: s.id, name: s.name, from: beforeIndex.get(s.id)! + 1, to: afterIndex.get(s.id)! + 1 }));
  const changed = common.flatMap((s) => {
    const old = sa.get(s.id)!;
    const c = changes(STAGE_FIELDS, old, s);
    const tasks = diffGraphs(old.taskGraph ?? emptyGraph(), s.taskGraph ?? emptyGraph());
    return c.length || !taskDiffEmpty(tasks) ? [{ id: s.id, name: s.name, changes: c, tasks }] : [];
  });
  const stages = {
    added: after.stages.filter((s) => !sa.has(s.id)).map(ref),
    removed: before.stages.filter((s) => !sb.has(s.id)).map(ref),
    moved,
    changed,
  };
  const settings = changes(SETTINGS_FIELDS, before, after);
  const empty = !settings.length && !stages.added.length && !stages.removed.length && !moved.length && !changed.length;
  return { settings, stages, empty };
}

function countPhrase(noun: [string, string], counts: [number, string][]): string[] {
  const parts: string[] = [];
  for (const [n, verb] of counts) {
    if (n === 0) continue;
    // The noun goes on the first count only: "2 stages added, 1 removed".
    parts.push(parts.length === 0 ? `${n} ${n === 1 ? noun[0] : noun[1]} ${verb}` : `${n} ${verb}`);
  }
  return parts;
}

/** One line for a diff: "Workflow settings changed, 2 stages added, 1 removed, 3 tasks changed", or "No changes". */
export function summarizeDiff(d: DefinitionDiff): string {
  if (d.empty) return "No changes";
  const s = d.stages;
  const sum = (f: (t: TaskDiff) => unknown[]) => s.changed.reduce((n, c) => n + f(c.tasks).length, 0);
  const parts = [
    ...(d.settings.length ? ["Workflow settings changed"] : []),
    ...countPhrase(["stage", "stages"], [
      [s.added.length, "added"],
      [s.removed.length, "removed"],
      [s.moved.length, "moved"],
      [s.changed.filter((c) => c.changes.length > 0).length, "changed"],
    ]),
    ...countPhrase(["task", "tasks"], [
      [sum((t) => t.added), "added"],
      [sum((t) => t.removed), "removed"],
      [sum((t) => t.changed), "changed"],
    ]),
    ...countPhrase(["connection", "connections"], [
      [sum((t) => t.edgesAdded), "added"],
      [sum((t) => t.edgesRemoved), "removed"],
      [sum((t) => t.edgesChanged), "changed"],
    ]),
  ];
  return parts.join(", ");
}
