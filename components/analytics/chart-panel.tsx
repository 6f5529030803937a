"use client";
import { useState } from "react";
import { CsvButton } from "./csv-button";
import { DataTable } from "./data-table";
import type { TableSpec } from "./table-spec";

type View = "chart" | "table";

/**
 * A chart with its accessible alternative: a "Chart / Table" switch, the chart as an image with a
 * summary for screen readers, the same data as a captioned table, and a CSV export of that table.
 */
export function ChartPanel({
  summary,
  table,
  fileName,
  both = false,
  children,
}: {
  /** What the chart shows, in a sentence: the chart's accessible name. */
  summary: string;
  table: TableSpec;
  fileName: string;
  /** Show the chart and, under it, the table, with no switch: for a table people read first. */
  both?: boolean;
  children: React.ReactNode;
}) {
  const [view, setView] = useState<View>("chart");
  if (both) {
    return (
      <div className="space-y-3">
        <div role="img" aria-label={summary} data-testid="chart">
          {children}
        </div>
        <div className="flex items-center justify-between gap-3">
          <p className="text-xs text-slate-500" aria-hidden="true">
            {table.caption}
          </p>
          <CsvButton table={table} fileName={fileName} />
        </div>
        <DataTable spec={table} captionHidden />
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-end gap-2">
        <div role="group" aria-label="Show as" className="flex rounded-md bg-slate-100 p-0.5 text-xs font-medium">
          {(["chart", "table"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`rounded px-2 py-0.5 ${view === v ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
              data-testid={`view-${v}`}
            >
              {v === "chart" ? "Chart" : "Table"}
            </button>
          ))}
        </div>
        <CsvButton table={table} fileName={fileName} />
      </div>
      {view === "chart" ? (
        <div role="img" aria-label={summary} data-testid="chart">
          {children}
        </div>
      ) : (
        <div data-testid="chart-table">
          <DataTable spec={table} />
        </div>
      )}
    </div>
  );
}
