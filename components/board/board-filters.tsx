"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import type { BoardJson } from "@/lib/work-items/board-json";
import { PRIORITIES, type BoardFilter } from "@/lib/work-items/schemas";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm";

/** Text, assignee and priority filters, kept in the URL so a filtered board can be shared and reloaded. */
export function BoardFilters({ filter, assignees }: { filter: BoardFilter; assignees: BoardJson["assignees"] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [q, setQ] = useState(filter.q ?? "");

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  useEffect(() => {
    if (q === (filter.q ?? "")) return;
    const t = setTimeout(() => set("q", q.trim() || undefined), 200);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const active = Boolean(filter.q || filter.assignee || filter.priority);
  return (
    <div className="flex flex-wrap items-center gap-2" role="search" aria-label="Filter items">
      <input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Filter by title…"
        aria-label="Filter by title"
        className={`${selectClass} w-56`}
      />
      <select aria-label="Assignee" value={filter.assignee ?? ""} onChange={(e) => set("assignee", e.target.value)} className={selectClass}>
        <option value="">Anyone</option>
        <option value="me">Assigned to me</option>
        <option value="none">Unassigned</option>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <select aria-label="Priority" value={filter.priority ?? ""} onChange={(e) => set("priority", e.target.value)} className={selectClass}>
        <option value="">Any priority</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p === "none" ? "No priority" : p[0]!.toUpperCase() + p.slice(1)}
          </option>
        ))}
      </select>
      {active ? (
        <button
          onClick={() => {
            setQ("");
            router.replace(pathname, { scroll: false });
          }}
          className="text-sm text-slate-500 hover:text-slate-900"
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
