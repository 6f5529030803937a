import type { CsvColumn, CsvValue } from "./csv";

/**
 * A cell shown as text in the table view and exported as `raw` (a number a spreadsheet can sum, an
 * ISO date) when that differs from the text, e.g. "3 d 4 h" shown and 76 (hours) exported.
 */
export type Cell = string | number | null | { text: string; raw: CsvValue };

/** A column of a widget's table; `csvLabel` names the exported column when the raw value has a unit. */
export type TableColumn = { key: string; label: string; csvLabel?: string; numeric?: boolean; /** Long text that wraps (an error message). */ prose?: boolean };

/** The data behind a chart, as the table view shows it and the CSV export writes it. Plain data, so it crosses to the client. */
export type TableSpec = {
  caption: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  /** A row to mark (the bottleneck stage): its index, the badge after its first cell, and a test id. */
  highlight?: { row: number; badge: string; testId: string } | null;
};

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "—";
  return typeof cell === "object" ? cell.text : typeof cell === "number" ? cell.toLocaleString("en-US") : cell;
}

function cellRaw(cell: Cell | undefined): CsvValue {
  return cell !== null && typeof cell === "object" ? cell.raw : cell;
}

/** The CSV columns and rows of a table: raw values, with the units in the headers. */
export function csvOf(spec: TableSpec): { columns: CsvColumn[]; rows: Record<string, CsvValue>[] } {
  return {
    columns: spec.columns.map((c) => ({ key: c.key, label: c.csvLabel ?? c.label })),
    rows: spec.rows.map((r) => Object.fromEntries(spec.columns.map((c) => [c.key, cellRaw(r[c.key])]))),
  };
}
