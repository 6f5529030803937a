"use client";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { createContext, memo, use } from "react";
import { TASK_WIDTH } from "@/components/designer/canvas/derive";
import { EXECUTORS } from "@/components/designer/executors/registry";
import type { RunView } from "@/lib/runs/queries";
import { StatusIcon } from "./status-icons";
import { formatRunDuration, taskLook } from "./status-look";

export type RunTask = RunView["tasks"][number];
export type RunTaskNodeData = { task: RunTask; selected: boolean; maxAttempts: number };
export type RunTaskFlowNode = Node<RunTaskNodeData, "runTask">;

/** Selecting a task from a node, handed down without touching node data (nodes stay memoized). */
export const SelectTaskContext = createContext<(key: string) => void>(() => {});

const handle = "!size-2 !min-w-0 !border-0 !bg-slate-300";

/**
 * One task of a run on the read-only graph: the designer's executor chip and name, then its live state
 * by colour and icon, its attempt and how long it took. The node is a button that opens the task panel.
 */
export const RunTaskNode = memo(function RunTaskNode({ data }: NodeProps<RunTaskFlowNode>) {
  const { task, selected, maxAttempts } = data;
  const select = use(SelectTaskContext);
  const exec = EXECUTORS[task.executor];
  const ExecIcon = exec.icon;
  const look = taskLook(task.status, task.waitingFor);
  // Tasks that never started (pending, skipped, cancelled before a claim) have no attempt to show.
  const attempt = task.attempt > 0 && (task.attempt > 1 || maxAttempts > 1) ? `attempt ${task.attempt}${maxAttempts > 1 ? `/${maxAttempts}` : ""}` : null;
  return (
    <button
      type="button"
      onClick={() => select(task.key)}
      data-testid={`run-task-${task.key}`}
      data-status={task.status}
      data-waiting-for={task.waitingFor ?? undefined}
      aria-pressed={selected}
      aria-label={`${task.name}: ${look.label}`}
      style={{ width: TASK_WIDTH }}
      className={`relative block cursor-pointer rounded-lg border-2 px-3 py-2 text-left ${look.frame} ${selected ? "outline-2 outline-offset-2 outline-indigo-500" : ""}`}
    >
      {look.animated ? <span aria-hidden className="pointer-events-none absolute -inset-1 animate-pulse rounded-xl ring-2 ring-sky-300" /> : null}
      <Handle type="target" position={Position.Left} className={handle} isConnectable={false} />
      <div className="flex items-center gap-2">
        <span className={`grid size-6 shrink-0 place-items-center rounded ${exec.tone}`} title={exec.label}>
          <ExecIcon className="size-3.5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate text-sm font-semibold text-slate-900">{task.name}</div>
          <div className="truncate font-mono text-[11px] text-slate-500">
            {exec.label} · {task.key}
          </div>
        </div>
      </div>
      <div className="mt-1.5 flex items-center gap-1.5 text-xs">
        <span className={`inline-flex items-center gap-1 rounded-full px-1.5 py-0.5 font-medium ${look.chip}`}>
          <StatusIcon kind={look.icon} className="size-3.5" />
          {look.label}
        </span>
        <span className="ml-auto flex gap-1.5 text-[11px] text-slate-500 tabular-nums">
          {attempt ? <span title="Attempt">↻ {attempt}</span> : null}
          {task.iteration > 1 ? <span title="Iteration">#{task.iteration}</span> : null}
          {task.durationMs !== null ? <span title="Duration">{formatRunDuration(task.durationMs)}</span> : null}
        </span>
      </div>
      <Handle type="source" position={Position.Right} className={handle} isConnectable={false} />
    </button>
  );
});
