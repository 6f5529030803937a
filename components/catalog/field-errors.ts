/** Field errors keyed by input path (`config.tools.0.url`), as the action wrapper returns them. */
export type FieldErrors = Record<string, string[]>;

/**
 * The messages at `path` and below it. A message from deeper down is prefixed by `label(rest)` (the
 * part of the path after `path`), so "Tool 2, url: …" still says which entry it is about.
 */
export function errorsAt(errors: FieldErrors, path: string, label?: (rest: string[]) => string): string[] | undefined {
  const out: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    if (key === path) out.push(...messages);
    else if (key.startsWith(`${path}.`)) {
      const prefix = label ? label(key.slice(path.length + 1).split(".")) : "";
      out.push(...messages.map((m) => (prefix ? `${prefix}: ${m}` : m)));
    }
  }
  return out.length ? out : undefined;
}

/** Whether some error is at none of `placed` (or below them): the form must then show the summary. */
export function hasUnplaced(errors: FieldErrors, placed: string[]): boolean {
  return Object.keys(errors).some((key) => !placed.some((p) => key === p || key.startsWith(`${p}.`)));
}

/** Merges two sets of field errors (local checks first). */
export function mergeErrors(a: FieldErrors, b: FieldErrors): FieldErrors {
  const out: FieldErrors = { ...b };
  for (const [k, v] of Object.entries(a)) out[k] = [...v, ...(out[k] ?? [])];
  return out;
}

/** Labels for the entries of a list field, counted from 1 as people count: `["0", "url"]` → "Tool 1, url". */
export const entryLabel =
  (noun: string) =>
  ([index, ...rest]: string[]) => {
    const n = Number(index);
    const head = Number.isInteger(n) ? `${noun} ${n + 1}` : noun;
    return rest.length ? `${head}, ${rest.join(".")}` : head;
  };
