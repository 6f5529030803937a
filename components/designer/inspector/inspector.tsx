"use client";
import { useRef } from "react";
import { edgeKey } from "@/lib/engine/graph-schema";
import { useDesigner } from "../store/store";
import { EdgeInspector } from "./edge-inspector";
import { StageInspector } from "./stage-inspector";
import { TaskInspector } from "./task-inspector";
import { WorkflowSettings } from "./workflow-settings";

/**
 * A key for the inspected task that stays the same when the task is renamed (its old id vanished and the
 * new one did not exist before), so the inspector is not remounted under the user's cursor.
 */
function useTaskSlot(taskId: string | undefined, ids: readonly string[]): number {
  const ref = useRef({ id: undefined as string | undefined, ids: new Set<string>(), slot: 0 });
  const cur = ref.current;
  if (taskId !== cur.id) {
    const renamed = cur.id !== undefined && taskId !== undefined && !ids.includes(cur.id) && !cur.ids.has(taskId);
    if (!renamed) cur.slot++;
    cur.id = taskId;
  }
  cur.ids = new Set(ids);
  return cur.slot;
}

function Empty({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-2 text-sm text-slate-600">
      <p className="font-medium text-slate-800">{title}</p>
      {children}
    </div>
  );
}

/** The right-hand column: settings of whatever single thing is selected. */
export function Inspector({ readOnly }: { readOnly: boolean }) {
  const openStageId = useDesigner((s) => s.openStageId);
  const stages = useDesigner((s) => s.definition.stages);
  const selection = useDesigner((s) => s.selection);
  const open = stages.find((s) => s.id === openStageId);
  const graph = open?.taskGraph;
  const task = selection.tasks.length === 1 ? graph?.tasks.find((t) => t.id === selection.tasks[0]) : undefined;
  const edge = !selection.tasks.length && selection.edges.length === 1 ? graph?.edges.find((e) => edgeKey(e) === selection.edges[0]) : undefined;
  const slot = useTaskSlot(task?.id, graph?.tasks.map((t) => t.id) ?? []);
  const stage = !open && selection.stages.length === 1 ? stages.find((s) => s.id === selection.stages[0]) : undefined;

  let body: React.ReactNode;
  let title = "Inspector";
  if (open) {
    if (task && graph) {
      title = "Task";
      body = <TaskInspector key={`${open.id}:${slot}`} stageId={open.id} task={task} graph={graph} slot={slot} />;
    } else if (edge && graph) {
      title = "Dependency";
      body = <EdgeInspector key={`${open.id}:${edgeKey(edge)}`} stageId={open.id} edge={edge} graph={graph} />;
    } else {
      const n = selection.tasks.length + selection.edges.length;
      body = (
        <Empty title={n > 1 ? `${n} items selected` : `“${open.name}” tasks`}>
          <p>{n > 1 ? "Press Delete to remove them, or Ctrl+C to copy the tasks." : "Select a task or a dependency to edit it."}</p>
          {!readOnly && n <= 1 ? <p>Drag from a task's right handle to another task's left handle to make it wait for the first.</p> : null}
        </Empty>
      );
    }
  } else if (stage) {
    title = "Stage";
    body = <StageInspector key={stage.id} stage={stage} />;
  } else if (selection.stages.length > 1) {
    body = (
      <Empty title={`${selection.stages.length} stages selected`}>
        <p>Press Delete to remove them, or Ctrl+C to copy them.</p>
      </Empty>
    );
  } else {
    title = "Workflow settings";
    body = <WorkflowSettings />;
  }

  return (
    <aside data-testid="inspector" aria-label="Inspector" className="flex w-80 shrink-0 flex-col overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
      <h2 className="border-b border-slate-200 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      <fieldset disabled={readOnly} className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        {body}
      </fieldset>
    </aside>
  );
}
