"use client";
import { useEffect, useRef } from "react";
import { type RunEventEntry, describeEvent, eventTone } from "./event-text";

const DOT = { rose: "bg-rose-500", emerald: "bg-emerald-500", amber: "bg-amber-500", sky: "bg-sky-500", slate: "bg-slate-300" } as const;

/** "14:05:09" in UTC, like every other time on the page. */
const clock = (iso: string) => new Date(iso).toISOString().slice(11, 19);

/**
 * The run's story, newest last. It follows new events down unless the reader has scrolled up to read
 * older ones; clicking an event about a task selects that task.
 */
export function RunEvents({ events, name, onSelect }: { events: RunEventEntry[]; name: (key: string) => string; onSelect: (key: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [events]);
  return (
    <section aria-labelledby="run-events-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="run-events-heading" className="border-b border-slate-100 px-4 py-2.5 text-sm font-semibold text-slate-900">
        Events <span className="ml-1 text-xs font-normal text-slate-500 tabular-nums">{events.length}</span>
      </h2>
      <div
        ref={box}
        className="max-h-80 overflow-y-auto px-2 py-2"
        data-testid="run-events"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {events.length === 0 ? (
          <p className="px-2 py-3 text-sm text-slate-500">No events yet.</p>
        ) : (
          <ol className="space-y-0.5 font-mono text-[12px]">
            {events.map((e) => (
              <li key={e.seq} className="flex items-start gap-2 rounded px-2 py-1 hover:bg-slate-50" data-testid="run-event" data-type={e.type} data-seq={e.seq}>
                <time dateTime={e.at} title={e.at} className="shrink-0 text-slate-400 tabular-nums">
                  {clock(e.at)}
                </time>
                <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${DOT[eventTone(e.type)]}`} />
                <span className="min-w-0 flex-1 font-sans text-[13px] break-words text-slate-700">
                  {e.taskKey ? (
                    <button type="button" className="text-left hover:underline" onClick={() => onSelect(e.taskKey!)}>
                      {describeEvent(e, name)}
                    </button>
                  ) : (
                    describeEvent(e, name)
                  )}
                </span>
                <span className="shrink-0 text-slate-300 tabular-nums" title={`Event ${e.seq}: ${e.type}`}>
                  #{e.seq}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
