/** One column of an exported table: the row key it reads and the header it gets. */
export type CsvColumn = { key: string; label: string };

export type CsvValue = string | number | boolean | Date | null | undefined;

// A spreadsheet runs a cell that starts with one of these as a formula; item titles are user input.
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rows as RFC 4180 CSV: a header row of the columns' labels, then one line per row in column
 * order, CRLF line ends. Fields with commas, quotes, line breaks or edge spaces are quoted (quotes
 * doubled); text that a spreadsheet would run as a formula gets a leading apostrophe.
 */
export function toCsv(columns: CsvColumn[], rows: Record<string, CsvValue>[]): string {
  const lines = [columns.map((c) => field(c.label)), ...rows.map((r) => columns.map((c) => field(r[c.key])))];
  return lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

/** A file name for an export: lower-case words joined by dashes, and the `.csv` extension. */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join(" ")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "export"}.csv`;
}
