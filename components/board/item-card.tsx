import { Badge, type Tone } from "@/components/ui/badge";
import { formatAge } from "@/lib/format";
import type { BoardItem } from "@/lib/work-items/queries";
import type { Priority } from "@/lib/workflows/schemas";

const priorityTone: Record<Priority, Tone> = { urgent: "rose", high: "amber", medium: "sky", low: "slate", none: "slate" };

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

export function ItemCard({ item, now }: { item: BoardItem; now: number }) {
  return (
    <li data-testid="item-card" className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm font-medium leading-snug">{item.title}</p>
      <div className="mt-2 flex items-center gap-2 text-xs text-slate-500">
        {item.priority !== "none" ? <Badge tone={priorityTone[item.priority]}>{item.priority}</Badge> : null}
        <span title="Time in this stage">{formatAge(now - item.enteredStageAt.getTime())} in stage</span>
        {item.assigneeName ? (
          <span
            title={`Assigned to ${item.assigneeName}`}
            className="ml-auto grid size-6 place-items-center rounded-full bg-indigo-100 text-[10px] font-semibold text-indigo-700"
          >
            {initials(item.assigneeName)}
          </span>
        ) : (
          <span className="ml-auto text-slate-400">Unassigned</span>
        )}
      </div>
    </li>
  );
}
