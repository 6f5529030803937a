"use client";
import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./chart-legend";
import { CHART_HEIGHT, COLORS, axisTick, gridStroke, tooltipStyle } from "./chart-theme";
import { durationUnit, formatDay, formatDuration } from "./format";

export type CycleTimeDatum = { title: string; completedAt: number; cycleTimeMs: number };

type Point = CycleTimeDatum & { x: number; y: number };

function PointTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: Point }[] }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="max-w-64 rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow-sm">
      <div className="font-medium text-slate-900">{p.title}</div>
      <div className="text-slate-600">
        Completed {formatDay(p.completedAt, true)} after {formatDuration(p.cycleTimeMs)}
      </div>
    </div>
  );
}

const DAY = 86_400_000;

/** About six ticks at whole UTC days across [from, to], so the axis reads as dates, not as the points' times. */
function dayTicks(from: number, to: number): number[] {
  const days = Math.max(1, Math.ceil((to - from) / DAY));
  const step = Math.max(1, Math.round(days / 6));
  const first = Math.ceil(from / DAY) * DAY;
  const out: number[] = [];
  for (let t = first; t <= to; t += step * DAY) out.push(t);
  return out;
}

/** Completed items by completion date (x) and cycle time (y), with the median and 85th percentile as lines. */
export function CycleTimeChart({
  data,
  medianMs,
  p85Ms,
  from,
  to,
}: {
  data: CycleTimeDatum[];
  medianMs: number | null;
  p85Ms: number | null;
  from: number;
  to: number;
}) {
  const unit = durationUnit(Math.max(0, ...data.map((d) => d.cycleTimeMs), p85Ms ?? 0));
  const points: Point[] = data.map((d) => ({ ...d, x: d.completedAt, y: d.cycleTimeMs / unit.ms }));
  const ref = (ms: number | null) => (ms === null ? null : ms / unit.ms);
  const median = ref(medianMs);
  const ticks = dayTicks(from, to);
  const p85 = ref(p85Ms);
  return (
    <div>
      <ScatterChart responsive accessibilityLayer={false} style={{ width: "100%", height: CHART_HEIGHT }} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
        <CartesianGrid stroke={gridStroke} />
        <XAxis
          type="number"
          dataKey="x"
          domain={[from, to]}
          scale="time"
          ticks={ticks}
          tickFormatter={(v: number) => formatDay(v)}
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: gridStroke }}
          minTickGap={16}
        />
        <YAxis
          type="number"
          dataKey="y"
          tick={axisTick}
          tickLine={false}
          axisLine={false}
          domain={[0, "auto"]}
          label={{ value: unit.label, angle: -90, position: "insideLeft", offset: 18, style: { fontSize: 11, fill: "#64748b" } }}
        />
        <Tooltip content={PointTooltip} cursor={{ strokeDasharray: "3 3" }} />
        {median !== null ? (
          <ReferenceLine y={median} stroke={COLORS.median} strokeDasharray="4 3" label={{ value: `median ${formatDuration(medianMs)}`, position: "insideBottomRight", fontSize: 11, fill: COLORS.median }} />
        ) : null}
        {p85 !== null ? (
          <ReferenceLine y={p85} stroke={COLORS.p85} strokeDasharray="4 3" label={{ value: `85th ${formatDuration(p85Ms)}`, position: "insideTopRight", fontSize: 11, fill: COLORS.p85 }} />
        ) : null}
        <Scatter data={points} fill={COLORS.point} fillOpacity={0.75} isAnimationActive={false} />
      </ScatterChart>
      <ChartLegend
        items={[
          { name: "Completed item", color: COLORS.point },
          { name: "Median", color: COLORS.median, dashed: true },
          { name: "85th percentile", color: COLORS.p85, dashed: true },
        ]}
      />
    </div>
  );
}
