/** Colours and axis styles the charts share (Tailwind's palette, so charts match the page). */
export const COLORS = {
  completed: "#4f46e5", // indigo-600
  created: "#94a3b8", // slate-400
  bottleneck: "#f59e0b", // amber-500
  bar: "#818cf8", // indigo-400
  barAlt: "#c7d2fe", // indigo-200
  median: "#0f766e", // teal-700
  p85: "#be123c", // rose-700
  point: "#6366f1", // indigo-500
} as const;

/** Stage colours by position: distinct hues, in an order that keeps neighbours apart. */
export const STAGE_PALETTE = ["#6366f1", "#0ea5e9", "#f59e0b", "#8b5cf6", "#14b8a6", "#f43f5e", "#84cc16", "#64748b", "#ec4899", "#06b6d4"];

export const STATUS_COLORS: Record<string, string> = {
  pending: "#cbd5e1",
  proposed: "#38bdf8",
  accepted: "#10b981",
  rejected: "#f43f5e",
  errored: "#f59e0b",
};

export const axisTick = { fontSize: 11, fill: "#64748b" };
export const gridStroke = "#e2e8f0";
export const CHART_HEIGHT = 260;
export const tooltipStyle = { fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" };
