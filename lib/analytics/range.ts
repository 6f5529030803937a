import { z } from "zod";
import { priority, type Priority } from "@/db/schema";
import type { AnalyticsRange, Bucket } from "./types";

const DAY = 86_400_000;

/** The preset ranges the pages offer, in days back from now. */
export const RANGE_PRESETS = [
  { key: "7d", label: "7 days", days: 7 },
  { key: "30d", label: "30 days", days: 30 },
  { key: "90d", label: "90 days", days: 90 },
  { key: "365d", label: "12 months", days: 365 },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]["key"] | "custom";

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-01.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Not a calendar date.");

/** What a page's search parameters may hold; anything else is ignored, anything malformed is refused. */
export const rangeParamsSchema = z
  .object({
    range: z.enum(["7d", "30d", "90d", "365d", "custom"]).default("30d"),
    from: isoDay.optional(),
    to: isoDay.optional(),
    bucket: z.enum(["day", "week"]).optional(),
    priority: z.array(z.enum(priority.enumValues)).default([]),
    assignee: z.union([z.literal("none"), z.uuid("Pick an assignee from the list.")]).optional(),
  })
  .refine((p) => p.range !== "custom" || (p.from && p.to), { message: "A custom range needs a start and an end date.", path: ["from"] })
  .refine((p) => !(p.from && p.to) || p.from <= p.to, { message: "The start date must not be after the end date.", path: ["to"] });

export type RangeParams = z.infer<typeof rangeParamsSchema>;

/** Search parameters as Next hands them to a page: single values or repeated ones. */
export type SearchParams = Record<string, string | string[] | undefined>;

function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** Reads a page's search parameters into a range: a preset ends now; a custom range covers whole UTC days. */
export function rangeFromParams(params: RangeParams, now: Date): AnalyticsRange {
  let from: Date;
  let to: Date;
  if (params.range === "custom" && params.from && params.to) {
    from = new Date(`${params.from}T00:00:00Z`);
    to = new Date(Date.parse(`${params.to}T00:00:00Z`) + DAY);
  } else {
    const days = RANGE_PRESETS.find((p) => p.key === params.range)?.days ?? 30;
    to = now;
    from = new Date(startOfUtcDay(now).getTime() - (days - 1) * DAY);
  }
  const bucket: Bucket = params.bucket ?? (to.getTime() - from.getTime() > 92 * DAY ? "week" : "day");
  return {
    from,
    to,
    bucket,
    priorities: params.priority as Priority[],
    ...(params.assignee === undefined ? {} : { assigneeId: params.assignee === "none" ? null : params.assignee }),
  };
}

/**
 * Parses search parameters into a range. Malformed parameters do not break the page: the range falls
 * back to the default and `error` says what was wrong, for the page to show.
 */
export function parseRangeParams(search: SearchParams, now: Date): { params: RangeParams; range: AnalyticsRange; error: string | null } {
  const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const raw = {
    range: one(search.range),
    from: one(search.from),
    to: one(search.to),
    bucket: one(search.bucket),
    priority: list(search.priority)?.flatMap((p) => p.split(",")).filter(Boolean),
    assignee: one(search.assignee),
  };
  const parsed = rangeParamsSchema.safeParse(raw);
  if (parsed.success) return { params: parsed.data, range: rangeFromParams(parsed.data, now), error: null };
  const params = rangeParamsSchema.parse({});
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return { params, range: rangeFromParams(params, now), error: `${where}${issue.message}` };
}

/** The search string for a set of parameters (defaults left out), for links and forms. */
export function rangeSearch(params: Partial<RangeParams>): string {
  const p = new URLSearchParams();
  if (params.range && params.range !== "30d") p.set("range", params.range);
  if (params.range === "custom") {
    if (params.from) p.set("from", params.from);
    if (params.to) p.set("to", params.to);
  }
  if (params.bucket) p.set("bucket", params.bucket);
  for (const pr of params.priority ?? []) p.append("priority", pr);
  if (params.assignee) p.set("assignee", params.assignee);
  const s = p.toString();
  return s ? `?${s}` : "";
}
