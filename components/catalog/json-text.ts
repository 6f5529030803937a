import { cleanJsonMessage, jsonErrorIndex, lineColumn } from "@/lib/workflows/io-json";

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Parses a JSON text area of a catalog form: empty means `empty`, otherwise the text must parse and be the
 * wanted shape. The error names the line and column, so a long schema or tool list is easy to fix.
 */
export function parseJsonText(text: string, want: "object" | "array", empty: unknown): JsonParse {
  if (!text.trim()) return { ok: true, value: empty };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const index = jsonErrorIndex(text);
    const at = index === null ? null : lineColumn(text, index);
    const raw = cleanJsonMessage(err instanceof Error ? err.message : String(err));
    return { ok: false, message: `Not valid JSON: ${raw}${at ? ` (line ${at.line}, column ${at.column})` : ""}.` };
  }
  if (want === "array" && !Array.isArray(value)) return { ok: false, message: "Enter a JSON list: [ { … }, … ]." };
  if (want === "object" && (typeof value !== "object" || value === null || Array.isArray(value))) {
    return { ok: false, message: "Enter a JSON object: { … }." };
  }
  return { ok: true, value };
}

/** A value as the text area shows it: pretty JSON, or empty for nothing. */
export const jsonText = (value: unknown) =>
  value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? "" : JSON.stringify(value, null, 2);
