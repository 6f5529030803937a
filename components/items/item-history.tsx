import { formatDuration } from "@/lib/format";
import type { ItemPage } from "@/lib/work-items/queries";
import { Timestamp } from "./timestamp";

type Entry = ItemPage["timeline"][number];

function Stage({ name }: { name: string }) {
  return <span className="font-medium text-slate-900">{name}</span>;
}

function Who({ name }: { name: string | null }) {
  return name ? (
    <>
      {" "}
      by <span className="font-medium text-slate-900">{name}</span>
    </>
  ) : null;
}

function duration(entry: Entry, archived: boolean): string {
  const d = formatDuration(entry.durationMs);
  if (!entry.current) return `stayed ${d}`;
  return archived ? `in stage for ${d} until archived` : `in stage for ${d}`;
}

/**
 * The item's path through the stages, oldest first, each entry with how long the item stayed. The
 * seed and older data write "created" as the creating transition's reason; repeating it adds nothing.
 */
export function ItemHistory({ timeline, archived }: { timeline: Entry[]; archived: boolean }) {
  return (
    <ol className="relative space-y-5 pl-6" data-testid="item-history">
      <span aria-hidden className="absolute top-2 bottom-2 left-[7px] w-px bg-slate-200" />
      {timeline.map((t) => {
        const reason = t.reason && !(t.fromStageId === null && t.reason === "created") ? t.reason : null;
        return (
          <li key={t.id} className="relative" data-testid="history-entry" data-current={t.current || undefined}>
            <span
              aria-hidden
              className={`absolute top-1.5 -left-6 size-[15px] rounded-full border-2 border-white ring-1 ${
                t.current ? "bg-indigo-500 ring-indigo-300" : "bg-slate-300 ring-slate-200"
              }`}
            />
            <p className="text-sm text-slate-600">
              {t.fromStageId === null ? (
                <>
                  Created in <Stage name={t.toStageName} />
                </>
              ) : (
                <>
                  Moved from <Stage name={t.fromStageName ?? "a removed stage"} /> to <Stage name={t.toStageName} />
                </>
              )}
              <Who name={t.actorName} />
            </p>
            <p className="mt-0.5 text-xs text-slate-500">
              <Timestamp at={t.at} /> ·{" "}
              <span className={t.current ? "font-medium text-indigo-700" : undefined} data-testid="history-duration">
                {duration(t, archived)}
              </span>
            </p>
            {reason ? (
              <p className="mt-1.5 inline-block rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-800 ring-1 ring-amber-200 ring-inset">
                “{reason}”
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
