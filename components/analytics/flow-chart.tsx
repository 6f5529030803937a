"use client";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./chart-legend";
import { CHART_HEIGHT, axisTick, gridStroke, tooltipStyle } from "./chart-theme";

export type FlowSeries = { key: string; name: string; color: string };

/**
 * Cumulative flow: items per stage at the end of each bucket, stacked. `stages` come in workflow order;
 * the last stage is drawn first so that it lies at the bottom, as cumulative flow diagrams do.
 */
export function FlowChart({ stages, data }: { stages: FlowSeries[]; data: Record<string, string | number>[] }) {
  const bottomUp = [...stages].reverse();
  const order = new Map(stages.map((s, i) => [s.key, i]));
  return (
    <div>
      <AreaChart responsive accessibilityLayer={false} data={data} style={{ width: "100%", height: CHART_HEIGHT }} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={{ stroke: gridStroke }} minTickGap={16} />
        <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
        <Tooltip contentStyle={tooltipStyle} itemSorter={(item) => order.get(String(item.dataKey)) ?? 0} />
        {bottomUp.map((s) => (
          <Area key={s.key} type="linear" dataKey={s.key} name={s.name} stackId="flow" stroke={s.color} fill={s.color} fillOpacity={0.55} strokeWidth={1} />
        ))}
      </AreaChart>
      <ChartLegend items={stages} />
    </div>
  );
}
