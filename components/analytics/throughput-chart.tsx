"use client";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./chart-legend";
import { CHART_HEIGHT, COLORS, axisTick, gridStroke, tooltipStyle } from "./chart-theme";

export type ThroughputDatum = { label: string; completed: number; created: number };

/** Items completed and created per bucket, as two lines. */
export function ThroughputChart({ data }: { data: ThroughputDatum[] }) {
  return (
    <div>
      <LineChart responsive accessibilityLayer={false} data={data} style={{ width: "100%", height: CHART_HEIGHT }} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={{ stroke: gridStroke }} minTickGap={16} />
        <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
        <Tooltip contentStyle={tooltipStyle} />
        <Line type="linear" dataKey="completed" name="Completed" stroke={COLORS.completed} strokeWidth={2} dot={data.length <= 31 ? { r: 2 } : false} />
        <Line type="linear" dataKey="created" name="Created" stroke={COLORS.created} strokeWidth={2} strokeDasharray="5 4" dot={false} />
      </LineChart>
      <ChartLegend
        items={[
          { name: "Completed", color: COLORS.completed },
          { name: "Created", color: COLORS.created, dashed: true },
        ]}
      />
    </div>
  );
}
