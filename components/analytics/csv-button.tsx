"use client";
import { downloadBlob } from "@/components/ui/download";
import { toCsv } from "./csv";
import { type TableSpec, csvOf } from "./table-spec";

/** Saves a table as a CSV file, built in the browser from the rows the page already has. */
export function CsvButton({ table, fileName }: { table: TableSpec; fileName: string }) {
  function download() {
    const { columns, rows } = csvOf(table);
    // The byte-order mark makes spreadsheet programs read the file as UTF-8 (titles, dashes).
    downloadBlob(fileName, new Blob(["\uFEFF", toCsv(columns, rows)], { type: "text/csv;charset=utf-8" }));
  }
  return (
    <button
      type="button"
      onClick={download}
      className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50 hover:text-slate-900"
      data-testid="export-csv"
      aria-label={`Export “${table.caption}” as CSV`}
    >
      Export CSV
    </button>
  );
}
