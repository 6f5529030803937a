import Link from "next/link";
import { PRIORITY_OPTIONS } from "@/components/items/priority";
import { RANGE_PRESETS, type RangeParams, rangeSearch } from "@/lib/analytics/range";
import type { AnalyticsRange } from "@/lib/analytics/types";
import { formatRange, isoDay } from "./format";
import { RangeForm } from "./range-form";

const control = "mt-1 block rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none";
const label = "block text-xs font-medium text-slate-600";

/**
 * The range and filters of an analytics page, all in the URL: preset links, and a GET form for
 * custom dates, the bucket, priorities and (on a workflow's page) the assignee.
 */
export function RangeBar({
  path,
  params,
  range,
  error,
  assignees,
}: {
  path: string;
  params: RangeParams;
  range: AnalyticsRange;
  error: string | null;
  /** The assignee choices; absent where the page has no assignee filter. */
  assignees?: { id: string; name: string }[];
}) {
  const lastDay = new Date(range.to.getTime() - 1);
  const filtered = params.priority.length > 0 || params.assignee !== undefined;
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="range-bar">
      <div className="flex flex-wrap items-center gap-3">
        <nav aria-label="Date range" className="flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1">
          {RANGE_PRESETS.map((p) => (
            <Link
              key={p.key}
              href={`${path}${rangeSearch({ ...params, range: p.key })}`}
              aria-current={params.range === p.key ? "page" : undefined}
              className={`rounded-md px-3 py-1 text-sm font-medium ${params.range === p.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
              data-testid={`range-${p.key}`}
            >
              {p.label}
            </Link>
          ))}
        </nav>
        <p className="text-sm text-slate-600" data-testid="range-label">
          {formatRange(range.from, range.to)}, by {range.bucket}
          {filtered ? " · filtered" : ""}
        </p>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200" data-testid="range-error">
          {/* The parser names the parameter ("to: …"); the message alone says it in the form's words. */}
          {error.replace(/^[\w.]+: /, "")} Showing the last 30 days instead.
        </p>
      ) : null}
      <RangeForm action={path}>
        <div>
          <label htmlFor="range-select" className={label}>
            Range
          </label>
          <select id="range-select" name="range" defaultValue={params.range} className={control}>
            {RANGE_PRESETS.map((p) => (
              <option key={p.key} value={p.key}>
                Last {p.label}
              </option>
            ))}
            <option value="custom">Custom dates</option>
          </select>
        </div>
        <div>
          <label htmlFor="range-from" className={label}>
            From
          </label>
          <input id="range-from" type="date" name="from" defaultValue={params.from ?? isoDay(range.from)} className={control} />
        </div>
        <div>
          <label htmlFor="range-to" className={label}>
            To (inclusive)
          </label>
          <input id="range-to" type="date" name="to" defaultValue={params.to ?? isoDay(lastDay)} className={control} />
        </div>
        <div>
          <label htmlFor="range-bucket" className={label}>
            Per
          </label>
          <select id="range-bucket" name="bucket" defaultValue={params.bucket ?? ""} className={control}>
            <option value="">Auto ({range.bucket})</option>
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </div>
        <fieldset>
          <legend className={label}>Priority</legend>
          <div className="mt-1 flex flex-wrap gap-1">
            {PRIORITY_OPTIONS.map((p) => (
              <label
                key={p.value}
                className="inline-flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 has-[:checked]:bg-indigo-50 has-[:checked]:text-indigo-800 has-[:checked]:ring-indigo-300"
              >
                <input type="checkbox" name="priority" value={p.value} defaultChecked={params.priority.includes(p.value)} className="accent-indigo-600" />
                {p.label}
              </label>
            ))}
          </div>
        </fieldset>
        {assignees ? (
          <div>
            <label htmlFor="range-assignee" className={label}>
              Assignee
            </label>
            <select id="range-assignee" name="assignee" defaultValue={params.assignee ?? ""} className={control}>
              <option value="">Everyone</option>
              <option value="none">Unassigned</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="flex items-center gap-2">
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500" data-testid="range-apply">
            Apply
          </button>
          <Link href={path} className="rounded-md px-2 py-1.5 text-sm text-slate-600 hover:text-slate-900">
            Reset
          </Link>
        </div>
      </RangeForm>
    </div>
  );
}
