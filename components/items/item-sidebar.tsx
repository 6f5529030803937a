import { Badge } from "@/components/ui/badge";
import { formatDuration } from "@/lib/format";
import type { ItemPage } from "@/lib/work-items/queries";
import { Avatar } from "./avatar";
import { ItemStageSelect } from "./item-stage-select";
import { priorityOf } from "./priority";
import { Timestamp } from "./timestamp";

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[5.5rem_1fr] items-start gap-3 py-2" data-testid={testId}>
      <dt className="pt-0.5 text-xs font-medium text-slate-500">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-800">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-400">—</span>;

/** The item's properties: the stage picker for people who may write, then who, how urgent and when. */
export function ItemSidebar({ page, canWrite }: { page: ItemPage; canWrite: boolean }) {
  const { item, stages, timeline, assignees } = page;
  const stage = stages.find((s) => s.id === item.stageId);
  const current = timeline.find((t) => t.current);
  const assignee = assignees.find((a) => a.id === item.assigneeId);
  const priority = priorityOf(item.priority);
  return (
    <dl className="divide-y divide-slate-100 rounded-xl bg-white px-4 py-2 shadow-sm ring-1 ring-slate-200" data-testid="item-sidebar">
      <Row label="Stage" testId="item-stage">
        {canWrite && !item.archivedAt ? (
          <ItemStageSelect itemId={item.id} version={item.version} stageId={item.stageId} stages={stages} />
        ) : (
          <span className="font-medium">{stage?.name ?? "A removed stage"}</span>
        )}
        {current ? (
          <span className="mt-1 block text-xs text-slate-500">
            {item.archivedAt ? "Was in stage for " : "In stage for "}
            {formatDuration(current.durationMs)}
          </span>
        ) : null}
      </Row>
      <Row label="Assignee" testId="item-assignee">
        {item.assigneeId ? (
          <span className="flex items-center gap-2">
            <Avatar name={assignee?.name ?? "?"} />
            {assignee?.name ?? "Someone no longer on the team"}
          </span>
        ) : (
          <span className="text-slate-400">Unassigned</span>
        )}
      </Row>
      <Row label="Priority" testId="item-priority">
        {item.priority === "none" ? <span className="text-slate-400">No priority</span> : <Badge tone={priority.tone}>{priority.label}</Badge>}
      </Row>
      <Row label="Created by">
        {item.createdByName ? (
          <span className="flex items-center gap-2">
            <Avatar name={item.createdByName} />
            {item.createdByName}
          </span>
        ) : (
          none
        )}
      </Row>
      <Row label="Created">
        <Timestamp at={item.createdAt} />
      </Row>
      <Row label="Updated">
        <Timestamp at={item.updatedAt} />
      </Row>
      <Row label="Completed" testId="item-completed">
        {item.completedAt ? <Timestamp at={item.completedAt} /> : none}
      </Row>
      <Row label="Archived" testId="item-archived">
        {item.archivedAt ? <Timestamp at={item.archivedAt} /> : <span className="text-slate-400">No</span>}
      </Row>
    </dl>
  );
}
