import { type GraphIssue, MSG, label } from "./graph-messages";
import { BINARY_OPS, type Condition, type Edge, type Task } from "./graph-schema";
import { unknownField } from "./json-schema";
import { type Reference, isLoneReference, parseReferences, stringsIn } from "./references";

/**
 * Rules about `{{…}}` references in templates and conditions: each must name something that exists and
 * has a value by the time it is read. Resolved from the point of view of where the reference sits.
 */

/** What the checks need of the whole graph, built once per validation. */
export type ReferenceContext = {
  byId: ReadonlyMap<string, Task>;
  /** The known tasks with a connection into `id` (itself excluded). */
  dependencies(id: string): readonly Task[];
  /** Whether task `a` runs (transitively) before task `b`. */
  isUpstream(a: string, b: string): boolean;
};

/** Where references are read, and what they can see from there. */
type Site = {
  at: { taskId: string } | { edge: { from: string; to: string } };
  /** Who is speaking in messages: “Review”, The condition on “A” → “B”, The loop condition of “Review”. */
  owner: string;
  /** The task whose upstream `tasks.<id>` must be in. */
  anchor: Task;
  /** Whether `tasks.<anchor>` is readable (it has finished when a condition is evaluated). */
  selfAllowed: boolean;
  /** The tasks `previous_output` is made of. */
  previous: readonly Task[];
  /** The looping task, where `output` and `loop.iteration` exist. */
  loopTask: Task | null;
};

function outputPathProblem(site: Site, target: Task, ref: Reference, path: readonly string[]): string | null {
  const unknown = unknownField(target.outputSchema, path);
  return unknown && MSG.unknownField(site.owner, ref.raw, label(target), unknown.field, unknown.known);
}

function referenceProblem(ctx: ReferenceContext, site: Site, ref: Reference): string | null {
  switch (ref.scope) {
    case "previous_output": {
      const [only, ...others] = site.previous;
      if (!only) return MSG.noPrevious(label(site.anchor));
      if (others.length === 0) return outputPathProblem(site, only, ref, ref.path);
      const [key, ...rest] = ref.path;
      if (key === undefined) return null;
      const dep = site.previous.find((t) => t.id === key);
      if (!dep) return MSG.previousKeyed(site.owner, ref.raw, key, site.previous.map((t) => t.id));
      return outputPathProblem(site, dep, ref, rest);
    }
    case "tasks": {
      const target = ctx.byId.get(ref.taskId!);
      if (!target) return MSG.unknownTask(site.owner, ref.taskId!);
      const isSelf = target.id === site.anchor.id;
      if (!(isSelf && site.selfAllowed) && !ctx.isUpstream(target.id, site.anchor.id)) {
        const anchor = label(site.anchor);
        return MSG.notUpstream(site.owner, label(target), anchor, site.owner === anchor);
      }
      return outputPathProblem(site, target, ref, ref.path);
    }
    case "output":
    case "loop":
      if (!site.loopTask) return MSG.loopOnly(site.owner, ref.raw);
      return ref.scope === "output" ? outputPathProblem(site, site.loopTask, ref, ref.path) : null;
    case "item":
    case "run":
      return null;
  }
}

function checkText(ctx: ReferenceContext, site: Site, field: string, text: string): GraphIssue[] {
  if (!text.includes("{{")) return [];
  const { references, problems } = parseReferences(text);
  const messages = new Set<string>();
  for (const p of problems) {
    messages.add(p.kind === "unclosed" ? MSG.unclosed(site.owner, p.raw) : MSG.unknownReference(site.owner, p.raw, site.loopTask !== null));
  }
  for (const ref of references) {
    const problem = referenceProblem(ctx, site, ref);
    if (problem) messages.add(problem);
  }
  return [...messages].map((message) => ({ ...site.at, field, message }));
}

function checkCondition(ctx: ReferenceContext, site: Site, cond: Condition, prefix: string): GraphIssue[] {
  const issues = checkText(ctx, site, `${prefix}.left`, cond.left);
  const at = (field: string, message: string) => issues.push({ ...site.at, field: `${prefix}.${field}`, message });
  // An unknown lone reference is reported by checkText; this is about anything around or beside it.
  if (!isLoneReference(cond.left)) at("left", MSG.conditionSingle(site.owner));
  if (BINARY_OPS.includes(cond.op)) {
    if (cond.value === undefined) at("value", MSG.conditionValue(site.owner, cond.op));
    else if ((cond.op === "greater_than" || cond.op === "less_than") && typeof cond.value !== "number") {
      at("value", MSG.conditionNumber(site.owner, cond.op));
    }
  }
  return issues;
}

/** References in a task's input, executor templates and loop condition. */
export function checkTaskReferences(ctx: ReferenceContext, task: Task): GraphIssue[] {
  const t = label(task);
  const previous = ctx.dependencies(task.id);
  const site: Site = { at: { taskId: task.id }, owner: t, anchor: task, selfAllowed: false, previous, loopTask: null };
  const x = task.executor;
  const texts = stringsIn(task.input, "input");
  if (x.kind === "agent" && x.prompt !== undefined) texts.push({ text: x.prompt, path: "executor.prompt" });
  if (x.kind === "http") {
    texts.push({ text: x.url, path: "executor.url" });
    texts.push(...stringsIn(x.headers, "executor.headers"), ...stringsIn(x.body, "executor.body"));
  }
  if (x.kind === "transform") texts.push(...stringsIn(x.output, "executor.output"));
  const issues = texts.flatMap(({ text, path }) => checkText(ctx, site, path, text));
  if (task.loop) {
    const loopSite: Site = { ...site, owner: `The loop condition of ${t}`, selfAllowed: true, loopTask: task };
    issues.push(...checkCondition(ctx, loopSite, task.loop.until, "loop.until"));
  }
  return issues;
}

/** References in a connection's condition, read when its source has just finished. */
export function checkEdgeReferences(ctx: ReferenceContext, edge: Edge): GraphIssue[] {
  const source = ctx.byId.get(edge.from);
  if (!edge.condition || !source) return [];
  const site: Site = {
    at: { edge: { from: edge.from, to: edge.to } },
    owner: `The condition on ${label(source)} → ${label(ctx.byId.get(edge.to), edge.to)}`,
    anchor: source,
    selfAllowed: true,
    previous: [source],
    loopTask: null,
  };
  return checkCondition(ctx, site, edge.condition, "condition");
}
