import Ajv, { type ValidateFunction } from "ajv";

/**
 * JSON Schema checks of task inputs and outputs at run time. Compiled validators are kept by schema text:
 * schemas come from immutable versions, so the cache only saves work. Bounded.
 */
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 500;

/** What is wrong with `value` under `schema` ("/score must be number"), empty when it conforms. */
export function schemaErrors(schema: Record<string, unknown>, value: unknown): string[] {
  ajv ??= new Ajv({ strict: false, allErrors: true, logger: false, addUsedSchema: false });
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || "the value"} ${e.message ?? "is invalid"}`);
}
