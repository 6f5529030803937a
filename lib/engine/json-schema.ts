import Ajv from "ajv";

/**
 * JSON Schema checks for task input/output schemas: is a schema valid, and which fields does it declare
 * (so references to an output can be checked). Runs in the browser on every designer edit.
 */

let ajv: Ajv | undefined;
// Verdicts by schema text: the designer re-validates unchanged schemas on every edit. Bounded, strings only.
const verdicts = new Map<string, string | null>();
const MAX_VERDICTS = 200;

function instance(): Ajv {
  // addUsedSchema: false keeps `$id`s out of the instance, so two tasks may share an `$id`.
  ajv ??= new Ajv({ strict: false, allErrors: true, logger: false, addUsedSchema: false });
  return ajv;
}

function check(schema: Record<string, unknown>): string | null {
  const a = instance();
  try {
    if (!a.validateSchema(schema)) {
      const first = a.errors?.[0];
      return first ? `${first.instancePath || "the schema"} ${first.message ?? "is invalid"}` : "it is invalid";
    }
    a.compile(schema);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    // Ajv caches compiled schemas by object identity; each edit makes new objects, so drop them at once.
    a.removeSchema(schema);
  }
}

/** Why a JSON Schema is invalid (e.g. "/properties/score/type must be equal to one of the allowed values"), or null. */
export function schemaProblem(schema: Record<string, unknown>): string | null {
  const key = JSON.stringify(schema);
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const verdict = check(schema);
  if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(key, verdict);
  return verdict;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The field names an object schema allows, or null when it allows any (no `properties`, or
 * `additionalProperties`/`patternProperties` that let other fields through).
 */
export function declaredFields(schema: unknown): Record<string, unknown> | null {
  if (!isObject(schema) || !isObject(schema.properties)) return null;
  const extra = schema.additionalProperties;
  if ((extra !== undefined && extra !== false) || schema.patternProperties !== undefined) return null;
  return schema.properties;
}

/**
 * The first segment of `path` the schema says cannot exist, with the fields it knows there; null if the
 * path may exist. Descends through declared properties and array `items` (numeric segments).
 */
export function unknownField(schema: unknown, path: readonly string[]): { field: string; known: string[] } | null {
  let at: unknown = schema;
  for (const segment of path) {
    if (isObject(at) && isObject(at.items) && /^\d+$/.test(segment)) {
      at = at.items;
      continue;
    }
    const fields = declaredFields(at);
    if (!fields) return null;
    if (!Object.hasOwn(fields, segment)) return { field: segment, known: Object.keys(fields) };
    at = fields[segment];
  }
  return null;
}
