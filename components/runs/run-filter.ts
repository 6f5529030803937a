import type { RunStatus } from "@/lib/engine/run-state";

/** The status tabs of a workflow's run list and the run statuses each one shows. */
export const RUN_FILTERS = [
  { key: "all", label: "All", statuses: [] },
  { key: "active", label: "Active", statuses: ["pending", "running", "paused", "waiting_approval"] },
  { key: "waiting", label: "Waiting for approval", statuses: ["waiting_approval"] },
  { key: "failed", label: "Failed", statuses: ["failed"] },
  { key: "completed", label: "Completed", statuses: ["completed"] },
  { key: "cancelled", label: "Cancelled", statuses: ["cancelled"] },
] as const satisfies readonly { key: string; label: string; statuses: readonly RunStatus[] }[];

export type RunFilterKey = (typeof RUN_FILTERS)[number]["key"];

/** The tab a `?status=` value names; anything else (missing, misspelt) shows all runs. */
export function runFilterOf(raw: string | string[] | undefined): (typeof RUN_FILTERS)[number] {
  const key = Array.isArray(raw) ? raw[0] : raw;
  return RUN_FILTERS.find((f) => f.key === key) ?? RUN_FILTERS[0];
}

/** A `?before=` cursor as a date, or undefined when it is missing or not a time. */
export function beforeOf(raw: string | string[] | undefined): Date | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
