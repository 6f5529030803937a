/**
 * Titles of the items triggers create: `config.title` with `{{event.…}}`, `{{payload.…}}`, `{{trigger.name}}`
 * and `{{firedAt}}` filled in. Pure. A reference to nothing renders as empty text, never as "undefined".
 */

export const MAX_TITLE = 200;

function walk(value: unknown, path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (Array.isArray(v) && /^\d+$/.test(key)) v = v[Number(key)];
    else if (v !== null && typeof v === "object" && Object.hasOwn(v, key)) v = (v as Record<string, unknown>)[key];
    else return undefined;
  }
  return v;
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Fills `{{path}}` references from `scope`; the result is one line, at most 200 characters. */
export function renderTitle(template: string, scope: Record<string, unknown>): string {
  const filled = template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_m, path: string) => asText(walk(scope, path.split("."))));
  const line = filled.replace(/\s+/g, " ").trim();
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
}

/** `config.title` rendered, or `fallback` when there is none or it renders empty. */
export function itemTitle(template: string | undefined, scope: Record<string, unknown>, fallback: string): string {
  const rendered = template ? renderTitle(template, scope) : "";
  return rendered || renderTitle(fallback, {});
}
