/**
 * References in task templates: `{{ previous_output.score }}`, `{{tasks.review.output.risk}}`,
 * `{{item.data.ref}}`, `{{run.input}}`, and in loop conditions `{{output.done}}` / `{{loop.iteration}}`.
 * Pure parsing shared by the validator (designer, save path) and the engine that renders templates.
 */

export const REFERENCE_SCOPES = ["previous_output", "tasks", "item", "run", "output", "loop"] as const;
export type ReferenceScope = (typeof REFERENCE_SCOPES)[number];

/** Fields of the work item a template may read besides `item.data`. */
export const ITEM_FIELDS = ["id", "title", "description", "priority", "assignee", "stage"] as const;

/**
 * One `{{…}}`. `path` holds the segments after the scope's fixed part: `previous_output.a.b` → `["a","b"]`,
 * `tasks.x.output.a` → `["a"]` (with `taskId: "x"`), `item.data.ref` → `["data","ref"]`,
 * `item.title` → `["title"]`, `run.input.a` → `["input","a"]`, `output.a` → `["a"]`,
 * `loop.iteration` → `["iteration"]`.
 */
export type Reference = { raw: string; scope: ReferenceScope; taskId?: string; path: string[] };

/** A `{{` without its `}}`, or a `{{…}}` whose content is not a reference of the grammar. */
export type ReferenceProblem = { raw: string; kind: "unclosed" | "unknown" };

export type ParsedReferences = { references: Reference[]; problems: ReferenceProblem[] };

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const ITEM_FIELD_SET: ReadonlySet<string> = new Set(ITEM_FIELDS);

/** The reference an expression (the inside of `{{ }}`, already trimmed) names, or null if none. */
export function parseExpression(expr: string, raw = `{{${expr}}}`): Reference | null {
  const parts = expr.split(".");
  if (!parts.every((p) => SEGMENT.test(p))) return null;
  const [head, second, third] = parts;
  switch (head) {
    case "previous_output":
    case "output":
      return { raw, scope: head, path: parts.slice(1) };
    case "tasks":
      return second !== undefined && third === "output" ? { raw, scope: "tasks", taskId: second, path: parts.slice(3) } : null;
    case "item":
      if (second === "data") return { raw, scope: "item", path: parts.slice(1) };
      return second !== undefined && parts.length === 2 && ITEM_FIELD_SET.has(second) ? { raw, scope: "item", path: [second] } : null;
    case "run":
      return second === "input" ? { raw, scope: "run", path: parts.slice(1) } : null;
    case "loop":
      return second === "iteration" && parts.length === 2 ? { raw, scope: "loop", path: [second] } : null;
    default:
      return null;
  }
}

type Token = { raw: string; ref: Reference | null; unclosed: boolean };

function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let at = text.indexOf("{{");
  while (at !== -1) {
    const close = text.indexOf("}}", at + 2);
    const reopen = text.indexOf("{{", at + 2);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      const end = reopen === -1 ? text.length : reopen;
      tokens.push({ raw: text.slice(at, Math.min(end, at + 40)), ref: null, unclosed: true });
      at = reopen;
      continue;
    }
    const raw = text.slice(at, close + 2);
    tokens.push({ raw, ref: parseExpression(text.slice(at + 2, close).trim(), raw), unclosed: false });
    at = text.indexOf("{{", close + 2);
  }
  return tokens;
}

/** Every `{{ … }}` in a string: the references it names, and the ones that are unclosed or unknown. */
export function parseReferences(text: string): ParsedReferences {
  const references: Reference[] = [];
  const problems: ReferenceProblem[] = [];
  for (const t of scan(text)) {
    if (t.ref) references.push(t.ref);
    else problems.push({ raw: t.raw, kind: t.unclosed ? "unclosed" : "unknown" });
  }
  return { references, problems };
}

function lone(text: string): Token | null {
  const t = text.trim();
  const tokens = scan(t);
  const only = tokens[0];
  return tokens.length === 1 && !only!.unclosed && only!.raw === t ? only! : null;
}

/** Whether a string is one closed `{{…}}` and nothing else, whitespace around it aside (known reference or not). */
export function isLoneReference(text: string): boolean {
  return lone(text) !== null;
}

/** The reference a string consists of, whitespace around it aside (a condition's left side), or null. */
export function singleReference(text: string): Reference | null {
  return lone(text)?.ref ?? null;
}

/** A string inside a JSON value and the dotted path that leads to it (`prefix.key.0`). */
export type StringAt = { text: string; path: string };

/** Every string in a JSON value, deep, with its path below `prefix`; object keys are not included. */
export function stringsIn(value: unknown, prefix: string): StringAt[] {
  const out: StringAt[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === "string") out.push({ text: v, path });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, prefix);
  return out;
}

/** The raw text of every closed `{{…}}` in any string of a JSON value, deep, known references or not. */
export function referencesIn(value: unknown): string[] {
  return stringsIn(value, "").flatMap(({ text }) => (text.includes("{{") ? scan(text).filter((t) => !t.unclosed).map((t) => t.raw) : []));
}
