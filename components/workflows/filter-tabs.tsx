import Link from "next/link";
import type { WorkflowFilter } from "@/lib/workflows/schemas";

const tabs: { key: WorkflowFilter; label: string }[] = [
  { key: "all", label: "All" },
  { key: "mine", label: "Mine" },
  { key: "team", label: "Team" },
  { key: "global", label: "Global" },
  { key: "templates", label: "Templates" },
];

export function FilterTabs({ current }: { current: WorkflowFilter }) {
  return (
    <nav aria-label="Filter workflows" className="flex gap-1 rounded-lg bg-slate-100 p-1">
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={t.key === "all" ? "/workflows" : `/workflows?filter=${t.key}`}
          aria-current={current === t.key ? "page" : undefined}
          className={`rounded-md px-3 py-1 text-sm font-medium ${current === t.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
