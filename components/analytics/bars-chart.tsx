"use client";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./chart-legend";
import { COLORS, axisTick, gridStroke, tooltipStyle } from "./chart-theme";
import { durationUnit, formatDuration } from "./format";

export type BarsSeries = { key: string; name: string; color: string };

/**
 * Horizontal bars, one row per category: counts, or durations in milliseconds (the axis picks a unit,
 * the tooltip says it humanly). A row's bars can be recoloured (`colors`, by row) to mark one of them.
 */
export function BarsChart({
  data,
  series,
  kind,
  colors,
  legend = series.length > 1,
}: {
  data: ({ label: string } & Record<string, string | number | null>)[];
  series: BarsSeries[];
  kind: "count" | "duration";
  colors?: (string | null)[];
  legend?: boolean;
}) {
  const max = Math.max(0, ...data.flatMap((d) => series.map((s) => Number(d[s.key] ?? 0))));
  const unit = durationUnit(max);
  // Durations are drawn in the unit, so the axis gets round ticks (2 d, 4 d), not round milliseconds.
  const scale = kind === "duration" ? unit.ms : 1;
  const drawn = data.map((d) => ({ ...d, ...Object.fromEntries(series.map((s) => [s.key, d[s.key] === null || d[s.key] === undefined ? null : Number(d[s.key]) / scale])) }));
  const height = Math.max(120, data.length * (series.length > 1 ? 34 : 26) + 40);
  const longest = Math.max(0, ...data.map((d) => d.label.length));
  return (
    <div>
      <BarChart
        responsive
        accessibilityLayer={false}
        layout="vertical"
        data={drawn}
        style={{ width: "100%", height }}
        margin={{ top: 4, right: 16, bottom: 0, left: 4 }}
        barGap={2}
      >
        <CartesianGrid stroke={gridStroke} horizontal={false} />
        <XAxis
          type="number"
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: gridStroke }}
          allowDecimals={kind === "duration"}
          tickFormatter={(v: number) => (kind === "duration" ? `${v} ${unit.unit}` : String(v))}
        />
        <YAxis type="category" dataKey="label" tick={axisTick} tickLine={false} axisLine={false} width={Math.min(240, 20 + longest * 7.5)} />
        <Tooltip
          contentStyle={tooltipStyle}
          cursor={{ fill: "#f1f5f9" }}
          formatter={(v) => (kind === "duration" ? formatDuration(Number(v) * scale) : String(v))}
        />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} radius={[0, 3, 3, 0]} maxBarSize={18}>
            {data.map((_, i) => (
              <Cell key={i} fill={colors?.[i] ?? s.color} />
            ))}
          </Bar>
        ))}
      </BarChart>
      {legend ? <ChartLegend items={series} /> : null}
    </div>
  );
}

