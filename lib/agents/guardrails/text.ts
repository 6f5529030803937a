/**
 * The text a guardrail scans in an agent call's input or output. Every string (object keys included),
 * number and boolean, one per line, so a pattern sees a prompt or a file as written; JSON.stringify
 * would escape quotes and newlines and hide `password = "…"` or a multi-line key block from it.
 */

/** The strings of a JSON-like value joined by newlines, cut at `limit` characters. */
export function textOf(value: unknown, limit = Number.POSITIVE_INFINITY): string {
  if (typeof value === "string") return value.length > limit ? value.slice(0, limit) : value;
  const parts: string[] = [];
  let size = 0;
  for (const s of leaves(value, true)) {
    parts.push(s);
    size += s.length + 1;
    if (size >= limit) break;
  }
  const text = parts.join("\n");
  return text.length > limit ? text.slice(0, limit) : text;
}

/** Every distinct string value (not key) of a JSON-like value, depth first: where a patch may sit. */
export function stringsOf(value: unknown): string[] {
  return [...new Set(leaves(value, false))];
}

/** Walks iteratively, so a deeply nested answer cannot overflow the stack; shared objects are visited once. */
function* leaves(value: unknown, withKeysAndScalars: boolean): Generator<string> {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") yield v;
    else if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") {
      if (withKeysAndScalars) yield String(v);
    } else if (v && typeof v === "object" && !seen.has(v)) {
      seen.add(v);
      const entries = Array.isArray(v) ? v.map((x) => [null, x] as const) : Object.entries(v);
      // Pushed in reverse so the walk reads in document order.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        stack.push(x);
        if (withKeysAndScalars && k !== null) stack.push(k);
      }
    }
  }
}

/** "a, b and c": a list inside a reason sentence. */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
