/** A chart's legend as plain HTML under it: a swatch and a name per series. */
export function ChartLegend({ items }: { items: { name: string; color: string; dashed?: boolean }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 pt-1 text-xs text-slate-600" aria-hidden="true">
      {items.map((it) => (
        <li key={it.name} className="inline-flex items-center gap-1.5">
          <span
            className="inline-block h-2.5 w-4 rounded-sm"
            style={it.dashed ? { borderTop: `2px dashed ${it.color}`, height: 0 } : { backgroundColor: it.color }}
          />
          {it.name}
        </li>
      ))}
    </ul>
  );
}
