/** JSON helpers for the run page: showing values and reading what a person types. */

/** A value as indented JSON; `undefined` and functions (never in stored JSON) show as null. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2) ?? "null";
}

/** Parses a person's JSON, with a message saying what is wrong and how to fix it. */
export function parseJsonInput(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: false, message: "Enter the output as JSON, for example {} or {“approved”: true}." };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^JSON\.parse: /, "") : "";
    return { ok: false, message: `This is not valid JSON${detail ? ` (${detail})` : ""}. Use double quotes around keys and strings.` };
  }
}

type Schema = { type?: unknown; properties?: Record<string, unknown>; required?: unknown; enum?: unknown[]; default?: unknown };

const EMPTY: Record<string, unknown> = { string: "", number: 0, integer: 0, boolean: false, array: [], object: {}, null: null };

/**
 * A starting value for a human task's output from its output schema: an object with the schema's
 * properties (defaults, the first enum value, or an empty value of their type), else `{}`.
 */
export function outputSkeleton(schema: unknown, depth = 0): unknown {
  const s = (schema && typeof schema === "object" ? schema : {}) as Schema;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if ((type === "object" || (type === undefined && s.properties)) && depth < 4) {
    return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, outputSkeleton(v, depth + 1)]));
  }
  return typeof type === "string" && type in EMPTY ? EMPTY[type] : depth === 0 ? {} : null;
}
