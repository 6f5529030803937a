import { Badge } from "@/components/ui/badge";
import { type TableSpec, cellText } from "./table-spec";

/** A widget's data as a table: a caption, column headers, the first cell of each row as its header. */
export function DataTable({ spec, captionHidden = false }: { spec: TableSpec; captionHidden?: boolean }) {
  const [first, ...rest] = spec.columns;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className={captionHidden ? "sr-only" : "pb-2 text-left text-xs text-slate-500"}>{spec.caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            {spec.columns.map((c) => (
              <th key={c.key} scope="col" className={`px-2 py-1.5 font-medium ${c.numeric ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((row, i) => {
            const marked = spec.highlight?.row === i ? spec.highlight : null;
            return (
              <tr
                key={i}
                className={`border-b border-slate-100 last:border-0 ${marked ? "bg-amber-50" : ""}`}
                data-testid={marked ? marked.testId : undefined}
              >
                {first ? (
                  <th scope="row" className={`px-2 py-1.5 font-medium text-slate-800 ${marked ? "border-l-4 border-amber-400" : ""}`}>
                    <span className="inline-flex flex-wrap items-center gap-2">
                      {cellText(row[first.key])}
                      {marked ? <Badge tone="amber">{marked.badge}</Badge> : null}
                    </span>
                  </th>
                ) : null}
                {rest.map((c) => (
                  <td
                    key={c.key}
                    className={`px-2 py-1.5 text-slate-700 ${c.numeric ? "text-right tabular-nums" : ""} ${c.prose ? "min-w-64 break-words text-xs" : ""}`}
                  >
                    {cellText(row[c.key])}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
