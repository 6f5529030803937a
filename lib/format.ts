/** A short human duration: "45m", "3h", "2d", "5w". */
export function formatAge(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 14) return `${d}d`;
  return `${Math.floor(d / 7)}w`;
}

/** A date as "Nov 24, 2026". */
export function formatDate(d: Date): string {
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

const UNITS: [string, number][] = [
  ["w", 7 * 24 * 3_600_000],
  ["d", 24 * 3_600_000],
  ["h", 3_600_000],
  ["m", 60_000],
];

/** A duration in its two largest units, for history where "3d" hides too much: "3d 4h", "2h 5m", "45m". */
export function formatDuration(ms: number): string {
  const rest = Math.max(0, ms);
  const i = UNITS.findIndex(([, size]) => rest >= size);
  if (i === -1) return "0m";
  const [unit, size] = UNITS[i]!;
  const n = Math.floor(rest / size);
  const next = UNITS[i + 1];
  const m = next ? Math.floor((rest - n * size) / next[1]) : 0;
  return m > 0 ? `${n}${unit} ${m}${next![0]}` : `${n}${unit}`;
}

/** A timestamp as "Nov 24, 2026, 14:05 UTC": UTC so server and browser render the same text. */
export function formatDateTime(d: Date): string {
  const date = formatDate(d);
  const time = d.toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
  return `${date}, ${time} UTC`;
}
