/** Percentiles and formatting for the benchmark's figures. */

/** The p-th percentile (0–100) of `values`, linearly interpolated between the closest ranks. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export type Summary = { n: number; p50: number; p95: number; min: number; max: number };

/** p50, p95, min and max of a series of samples. */
export function summarize(values: number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** Milliseconds, with a decimal below 10 ms where it still says something. */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return "–";
  return v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`;
}

/** "p50 12 ms p95 30 ms". */
export function p50p95(s: Summary): string {
  return `p50 ${ms(s.p50)} p95 ${ms(s.p95)}`;
}

/** Wall time of an async call, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
