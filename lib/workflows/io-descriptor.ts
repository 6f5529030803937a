import {
  type Budget,
  DEFAULT_RETRY,
  type Edge,
  type Executor,
  type ExecutorKind,
  type RetryPolicy,
  type TaskGraph,
  edgeKey,
} from "@/lib/engine/graph-schema";
import type { StageDef } from "./definition";

/**
 * The workflow-descriptor shape other agent-workflow engines exchange (roles, tasks with `dependsOn`),
 * both ways. That shape has no edge conditions and no loops: export drops them, import has none. The
 * descriptor's own `timeoutMs` is the stage's run timeout (a whole run of its tasks), beside each task's.
 * Agent spend limits and the stage's guardrail tags are Tandem's additions, optional on import: `budget`
 * on a task (its agent calls) and, at the top, `policyTags` and `budget` (every agent call of a run).
 */

export type ImportProblem = { path: string; message: string };

export type DescriptorRole = { roleId: string; displayName: string; personaCapabilityRequirements: string[] };
/** `type` is our executor kind; an agent's role is `roleId`; the kind's other fields sit beside them. */
export type DescriptorExecutor = { type: ExecutorKind; roleId?: string } & Record<string, unknown>;
export type DescriptorTask = {
  id: string;
  name: string;
  executor: DescriptorExecutor;
  dependsOn: string[];
  inputSchema: Record<string, unknown> | null;
  outputSchema: Record<string, unknown> | null;
  policyTags: string[];
  retry: RetryPolicy;
  timeoutMs: number | null;
  input: Record<string, unknown>;
  /** Present only when the task has a budget. */
  budget?: Budget;
};
export type Descriptor = {
  id: string;
  version: string;
  displayName: string;
  /** How long a whole run of the tasks may take; null for no limit. */
  timeoutMs: number | null;
  /** Guardrail policies (by tag) for every agent call of a run. */
  policyTags: string[];
  /** A limit on the agent spend of one run; null for none. */
  budget: Budget | null;
  roles: DescriptorRole[];
  tasks: DescriptorTask[];
};

/** A lowercase, dash-separated form of a name ("Agent pre-review" → "agent-pre-review"), for ids and file names. */
export function slugify(text: string, fallback = "workflow"): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || fallback;
}

function executorOut(e: Executor): DescriptorExecutor {
  if (e.kind === "agent") {
    const { kind, role, ...rest } = e;
    return { type: kind, roleId: role, ...rest };
  }
  const { kind, ...rest } = e;
  return { type: kind, ...rest };
}

/**
 * One stage's task graph as a workflow descriptor. Agent roles the graph does not declare are added with
 * no capabilities. Edge conditions and task loops are not part of that shape and are dropped; the Tandem
 * export keeps them.
 */
export function exportDescriptor(stage: StageDef, meta: { name: string; version: number }): Descriptor {
  const graph = stage.taskGraph ?? { roles: [], tasks: [], edges: [] };
  const roles: DescriptorRole[] = graph.roles.map((r) => ({ roleId: r.id, displayName: r.name, personaCapabilityRequirements: [...r.capabilities] }));
  for (const { executor: e } of graph.tasks) {
    if (e.kind === "agent" && !roles.some((r) => r.roleId === e.role)) {
      roles.push({ roleId: e.role, displayName: e.role, personaCapabilityRequirements: [] });
    }
  }
  return {
    id: `${slugify(meta.name)}.${slugify(stage.name, "stage")}`,
    version: `${meta.version}.0.0`,
    displayName: stage.name,
    timeoutMs: stage.runTimeoutMs,
    policyTags: [...stage.policyTags],
    budget: stage.budget ? { ...stage.budget } : null,
    roles,
    tasks: graph.tasks.map((t) => ({
      id: t.id,
      name: t.name,
      executor: executorOut(t.executor),
      dependsOn: graph.edges.filter((e) => e.to === t.id).map((e) => e.from),
      inputSchema: t.inputSchema,
      outputSchema: t.outputSchema,
      policyTags: [...t.policyTags],
      retry: { ...t.retry },
      timeoutMs: t.timeoutMs,
      input: t.input,
      ...(t.budget ? { budget: { ...t.budget } } : {}),
    })),
  };
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const defined = (o: Raw): Raw => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * A descriptor read into our task graph, with its problems and a map from graph paths back to the file's.
 * `runTimeoutMs` is undefined when the file does not say (a stage it replaces keeps its own); `runTimeoutPath`
 * is where the file says it. So are `policyTags` and `budget`, the stage's, at the file's top level.
 */
export type DescriptorRead = {
  name: string;
  graph: TaskGraph;
  runTimeoutMs: number | null | undefined;
  runTimeoutPath: string;
  policyTags: string[] | undefined;
  budget: Budget | null | undefined;
  problems: ImportProblem[];
  pathOf: (graphPath: string) => string;
};

const SUPPORTED = "agent (or gmi), approval, human, http, transform, delay";
/** Fields only an approval has: a “human” step that sets one is a sign-off, as other engines write approvals. */
const APPROVAL_ONLY = ["approvals", "level", "onTimeout"];

/** Columns by dependency depth: cheap, readable, and good enough until someone presses "Auto-layout". */
function layOut(graph: TaskGraph): void {
  const depth = new Map(graph.tasks.map((t) => [t.id, 0]));
  const indegree = new Map(graph.tasks.map((t) => [t.id, 0]));
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const queue = graph.tasks.filter((t) => indegree.get(t.id) === 0).map((t) => t.id);
  while (queue.length) {
    const id = queue.shift()!;
    for (const to of next.get(id) ?? []) {
      depth.set(to, Math.max(depth.get(to) ?? 0, depth.get(id)! + 1));
      indegree.set(to, indegree.get(to)! - 1);
      if (indegree.get(to) === 0) queue.push(to);
    }
  }
  const rows = new Map<number, number>();
  for (const t of graph.tasks) {
    const d = depth.get(t.id) ?? 0;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    t.position = { x: d * 260, y: row * 120 };
  }
}

function approvalIn(x: Raw): Executor {
  return defined({ kind: "approval", approvals: x.approvals ?? 1, level: x.level ?? "WRITE", instructions: x.instructions, onTimeout: x.onTimeout }) as Executor;
}

function executorIn(x: Raw, at: string, rename: (from: string, to: string) => void, problem: (path: string, m: string) => void): Executor | null {
  const type = typeof x.type === "string" ? x.type.toLowerCase() : x.type;
  switch (type) {
    case "agent":
    case "gmi": {
      const roleKey = x.roleId !== undefined ? "roleId" : "role";
      if (typeof x[roleKey] !== "string" || !(x[roleKey] as string).trim()) {
        problem(`${at}.roleId`, "An agent task needs a “roleId”: the role that does the work.");
        return null;
      }
      rename("executor.role", `executor.${roleKey}`);
      return defined({ kind: "agent", role: x[roleKey], modelHint: x.modelHint, prompt: x.prompt }) as Executor;
    }
    case "approval":
      return approvalIn(x);
    case "human":
      if (APPROVAL_ONLY.some((k) => x[k] !== undefined)) return approvalIn(x);
      return { kind: "human", instructions: (x.instructions ?? "") as string };
    case "http":
      return defined({
        kind: "http",
        url: x.url,
        method: typeof x.method === "string" ? x.method.toUpperCase() : (x.method ?? "POST"),
        headers: x.headers ?? {},
        body: x.body,
      }) as Executor;
    case "transform":
      if (x.output === undefined && x.mapping !== undefined) rename("executor.output", "executor.mapping");
      return { kind: "transform", output: x.output ?? x.mapping ?? {} };
    case "delay":
      if (x.ms === undefined && typeof x.seconds === "number") {
        rename("executor.ms", "executor.seconds");
        return { kind: "delay", ms: Math.round(x.seconds * 1000) };
      }
      return { kind: "delay", ms: x.ms as number };
    default:
      problem(`${at}.type`, `Unknown executor type “${String(x.type)}”. Supported types: ${SUPPORTED}.`);
      return null;
  }
}

function retryIn(x: unknown, rename: (from: string, to: string) => void): RetryPolicy {
  if (!isObject(x)) return x === undefined ? { ...DEFAULT_RETRY } : (x as RetryPolicy);
  if (x.maxAttempts === undefined && x.attempts !== undefined) rename("retry.maxAttempts", "retry.attempts");
  if (x.initialDelayMs === undefined && x.delayMs !== undefined) rename("retry.initialDelayMs", "retry.delayMs");
  return {
    maxAttempts: (x.maxAttempts ?? x.attempts ?? DEFAULT_RETRY.maxAttempts) as number,
    backoff: (x.backoff === "linear" ? "fixed" : (x.backoff ?? DEFAULT_RETRY.backoff)) as RetryPolicy["backoff"],
    initialDelayMs: (x.initialDelayMs ?? x.delayMs ?? DEFAULT_RETRY.initialDelayMs) as number,
  };
}

/**
 * Reads a descriptor (already known to have a `tasks` list) into a task graph. Values are carried over as
 * found; the caller's zod parse reports wrong types, and `pathOf` turns its graph paths into the file's.
 */
export function readDescriptor(d: Raw, base: string): DescriptorRead {
  const problems: ImportProblem[] = [];
  const join = (p: string) => (base ? `${base}.${p}` : p);
  const problem = (path: string, message: string) => problems.push({ path: join(path), message });
  const renames = new Map<string, string>();
  const graph: TaskGraph = { roles: [], tasks: [], edges: [] };

  if (d.roles !== undefined && !Array.isArray(d.roles)) problem("roles", "“roles” must be a list.");
  (Array.isArray(d.roles) ? d.roles : []).forEach((r: unknown, i) => {
    if (!isObject(r)) return problem(`roles.${i}`, "Each role must be an object with a “roleId”.");
    const k = graph.roles.length;
    const idKey = r.roleId !== undefined ? "roleId" : "id";
    const nameKey = r.displayName !== undefined ? "displayName" : "name";
    const capKey = r.personaCapabilityRequirements !== undefined ? "personaCapabilityRequirements" : "capabilities";
    renames.set(`roles.${k}`, `roles.${i}`);
    renames.set(`roles.${k}.id`, `roles.${i}.${idKey}`);
    renames.set(`roles.${k}.name`, `roles.${i}.${nameKey}`);
    renames.set(`roles.${k}.capabilities`, `roles.${i}.${capKey}`);
    graph.roles.push({ id: r[idKey] as string, name: (r[nameKey] ?? r[idKey]) as string, capabilities: (r[capKey] ?? []) as string[] });
  });

  const tasks = d.tasks as unknown[];
  const ids = new Set(tasks.flatMap((t) => (isObject(t) && typeof t.id === "string" ? [t.id] : [])));
  const pending: { from: string; to: string; origin: string }[] = [];
  tasks.forEach((t, i) => {
    if (!isObject(t)) return problem(`tasks.${i}`, "Each task must be an object with an “id” and an “executor”.");
    if (typeof t.id !== "string") return problem(`tasks.${i}.id`, `Task ${i + 1} needs an “id”.`);
    const k = graph.tasks.length;
    // Held back until the task is kept: a skipped task must not leave its renames on the next one's index.
    const own: [string, string][] = [[`tasks.${k}`, `tasks.${i}`]];
    const rename = (from: string, to: string) => own.push([`tasks.${k}.${from}`, `tasks.${i}.${to}`]);
    const deps = t.dependsOn ?? [];
    if (!Array.isArray(deps)) problem(`tasks.${i}.dependsOn`, `“dependsOn” of “${t.id}” must be a list of task ids.`);
    else {
      deps.forEach((dep: unknown, m) => {
        if (typeof dep === "string" && ids.has(dep)) pending.push({ from: dep, to: t.id as string, origin: `tasks.${i}.dependsOn.${m}` });
        else problem(`tasks.${i}.dependsOn.${m}`, `“${t.id}” depends on “${String(dep)}”, which is not a task in this file.`);
      });
    }
    if (!isObject(t.executor)) return problem(`tasks.${i}.executor`, `Task “${t.id}” needs an “executor” with a “type”.`);
    const executor = executorIn(t.executor, `tasks.${i}.executor`, rename, problem);
    if (!executor) return;
    if (t.timeoutMs === undefined && typeof t.timeoutSeconds === "number") rename("timeoutMs", "timeoutSeconds");
    graph.tasks.push({
      id: t.id,
      name: (t.name ?? t.id) as string,
      executor,
      input: (t.input ?? {}) as Raw,
      retry: retryIn(t.retry, rename),
      timeoutMs: (t.timeoutMs ?? (typeof t.timeoutSeconds === "number" ? Math.round(t.timeoutSeconds * 1000) : null)) as number | null,
      inputSchema: (t.inputSchema ?? null) as Raw | null,
      outputSchema: (t.outputSchema ?? null) as Raw | null,
      policyTags: (t.policyTags ?? []) as string[],
      loop: null,
      // Absent stays absent: a task from another engine has no budget, and compares equal to its export.
      ...(t.budget !== undefined ? { budget: t.budget as Budget | null } : {}),
      position: { x: 0, y: 0 },
    });
    for (const [from, to] of own) renames.set(from, to);
  });

  // Edges wait until every task is read: a task skipped for its own problem takes its edges with it.
  const kept = new Set(graph.tasks.map((t) => t.id));
  const seen = new Set<string>();
  for (const p of pending) {
    const edge: Edge = { from: p.from, to: p.to, condition: null };
    if (!kept.has(edge.from) || !kept.has(edge.to) || seen.has(edgeKey(edge))) continue;
    seen.add(edgeKey(edge));
    renames.set(`edges.${graph.edges.length}`, p.origin);
    graph.edges.push(edge);
  }
  layOut(graph);

  const pathOf = (graphPath: string): string => {
    const parts = graphPath.split(".");
    for (let n = parts.length; n > 0; n--) {
      const hit = renames.get(parts.slice(0, n).join("."));
      if (hit !== undefined) return join([hit, ...parts.slice(n)].join("."));
    }
    return join(graphPath);
  };
  const name = [d.displayName, d.id].find((v): v is string => typeof v === "string" && v.trim() !== "") ?? "Imported workflow";
  const inSeconds = d.timeoutMs === undefined && typeof d.timeoutSeconds === "number";
  const runTimeoutMs = inSeconds ? Math.round((d.timeoutSeconds as number) * 1000) : (d.timeoutMs as number | null | undefined);
  return {
    name,
    graph,
    runTimeoutMs,
    runTimeoutPath: join(inSeconds ? "timeoutSeconds" : "timeoutMs"),
    policyTags: d.policyTags as string[] | undefined,
    budget: d.budget as Budget | null | undefined,
    problems,
    pathOf,
  };
}
