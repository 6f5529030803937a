import type { Condition, Edge, TaskGraph } from "./graph-schema";
import { type Reference, parseExpression, singleReference } from "./references";
import type { ItemScope, RunScope, TaskSnapshot } from "./run-state";

/**
 * Rendering `{{…}}` references (grammar in `references.ts`) against a run's state, and evaluating the
 * conditions on connections and loops. Pure: the runtime hands in what it read from the database.
 */

/** What references can see from where they are read. `output` and `loopIteration` exist in loop conditions only. */
export type RenderContext = {
  previousOutput: unknown;
  /** Outputs of the completed tasks, by task id. */
  tasks: Record<string, unknown>;
  item: ItemScope | null;
  runInput: unknown;
  output?: unknown;
  loopIteration?: number;
};

const INDEX = /^\d+$/;

/** Follows a path into JSON: own keys of objects, numeric segments of arrays; anything else is missing. */
function walk(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const segment of path) {
    if (Array.isArray(v)) v = INDEX.test(segment) ? v[Number(segment)] : undefined;
    else if (v !== null && typeof v === "object") v = Object.hasOwn(v, segment) ? (v as Record<string, unknown>)[segment] : undefined;
    else return undefined;
  }
  return v;
}

/** The value a reference names in a context; undefined when it names nothing (a missing field, an unfinished task). */
export function resolveReference(ref: Reference, ctx: RenderContext): unknown {
  switch (ref.scope) {
    case "previous_output":
      return walk(ctx.previousOutput, ref.path);
    case "tasks":
      return Object.hasOwn(ctx.tasks, ref.taskId!) ? walk(ctx.tasks[ref.taskId!], ref.path) : undefined;
    case "item": {
      const [field, ...rest] = ref.path;
      if (!ctx.item || field === undefined) return undefined;
      return field === "data" ? walk(ctx.item.data, rest) : walk(ctx.item, [field]);
    }
    case "run":
      return walk(ctx.runInput, ref.path.slice(1));
    case "output":
      return walk(ctx.output, ref.path);
    case "loop":
      return ctx.loopIteration;
  }
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Replaces each closed, known reference in a text; unknown and unclosed `{{…}}` stay as written. */
function interpolate(text: string, ctx: RenderContext): string {
  let out = "";
  let from = 0;
  let at = text.indexOf("{{");
  while (at !== -1) {
    const close = text.indexOf("}}", at + 2);
    const reopen = text.indexOf("{{", at + 2);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      at = reopen;
      continue;
    }
    const raw = text.slice(at, close + 2);
    const ref = parseExpression(text.slice(at + 2, close).trim(), raw);
    if (ref) {
      out += text.slice(from, at) + asText(resolveReference(ref, ctx));
      from = close + 2;
    }
    at = text.indexOf("{{", close + 2);
  }
  return out + text.slice(from);
}

/**
 * A JSON template with its references filled in, deep (object keys are not rendered). A string that is one
 * reference becomes the value itself, of any JSON type (missing → null); references inside other text are
 * interpolated as text. Rendered values are never rendered again, so an output holding `{{…}}` stays inert.
 */
export function renderTemplate(value: unknown, ctx: RenderContext): unknown {
  if (typeof value === "string") {
    if (!value.includes("{{")) return value;
    const ref = singleReference(value);
    return ref ? (resolveReference(ref, ctx) ?? null) : interpolate(value, ctx);
  }
  if (Array.isArray(value)) return value.map((v) => renderTemplate(v, ctx));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderTemplate(v, ctx)]));
  }
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Deep equality of JSON values: no coercion (1 is not "1"), key order ignored. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number, or a string that spells one in decimal (“12”, “-0.5”, “1e3”); null otherwise. */
function asNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v.trim());
  return null;
}

function isTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return Boolean(v);
}

function contains(left: unknown, value: unknown): boolean {
  const key = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : null;
  if (typeof left === "string") return key !== null && left.includes(key);
  if (Array.isArray(left)) return left.some((x) => jsonEqual(x, value));
  if (isPlainObject(left)) return key !== null && Object.hasOwn(left, key);
  return false;
}

/**
 * Whether a condition holds. Its left side is one reference (anything else renders as a template);
 * comparisons never coerce except that numeric strings count as numbers for greater_than / less_than.
 */
export function evaluateCondition(cond: Condition, ctx: RenderContext): boolean {
  const ref = singleReference(cond.left);
  const left = ref ? resolveReference(ref, ctx) : renderTemplate(cond.left, ctx);
  switch (cond.op) {
    case "equals":
      return jsonEqual(left, cond.value);
    case "not_equals":
      return !jsonEqual(left, cond.value);
    case "greater_than":
    case "less_than": {
      const a = asNumber(left);
      const b = asNumber(cond.value);
      if (a === null || b === null) return false;
      return cond.op === "greater_than" ? a > b : a < b;
    }
    case "contains":
      return contains(left, cond.value);
    case "exists":
      return left !== undefined && left !== null;
    case "not_exists":
      return left === undefined || left === null;
    case "truthy":
      return isTruthy(left);
    case "falsy":
      return !isTruthy(left);
  }
}

/** Outputs of the completed tasks by id: what `{{tasks.<id>.output}}` reads. Build it once when rendering many times. */
export function completedOutputs(states: ReadonlyMap<string, TaskSnapshot>): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const [id, s] of states) if (s.status === "completed") entries.push([id, s.output]);
  return Object.fromEntries(entries);
}

function outputOf(states: ReadonlyMap<string, TaskSnapshot>, id: string): unknown {
  const s = states.get(id);
  return s?.status === "completed" ? s.output : null;
}

/**
 * What a task's templates see when it starts. `previous_output` is its one dependency's output, or with
 * several an object keyed by dependency id (null for one that did not complete), or null with none.
 */
export function contextFor(graph: TaskGraph, states: ReadonlyMap<string, TaskSnapshot>, taskId: string, scope: RunScope): RenderContext {
  const deps = new Set<string>();
  for (const e of graph.edges) if (e.to === taskId && e.from !== taskId) deps.add(e.from);
  let previousOutput: unknown = null;
  if (deps.size === 1) previousOutput = outputOf(states, [...deps][0]!);
  else if (deps.size > 1) previousOutput = Object.fromEntries([...deps].map((d) => [d, outputOf(states, d)]));
  return { previousOutput, tasks: completedOutputs(states), item: scope.item, runInput: scope.runInput };
}

/**
 * What a connection's condition sees once its source has finished: `previous_output` is the source's output.
 * `tasks` may be passed in (see `completedOutputs`) when evaluating many connections of one state.
 */
export function edgeContext(
  graph: TaskGraph,
  states: ReadonlyMap<string, TaskSnapshot>,
  edge: Edge,
  scope: RunScope,
  tasks: Record<string, unknown> = completedOutputs(states),
): RenderContext {
  return { previousOutput: outputOf(states, edge.from), tasks, item: scope.item, runInput: scope.runInput };
}
