"use client";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { formatBudget } from "@/lib/workflows/diff";
import { EXECUTORS, summarize } from "../executors/registry";
import { formatDuration } from "../executors/format";
import { IssueCount, LoopIcon } from "../icons";
import { TASK_WIDTH, type TaskFlowNode } from "./derive";

const handle = "!size-3 !border-2 !border-white !bg-slate-400 hover:!bg-indigo-500";

/** One task on a stage's graph canvas; memoized and fed only its own data. */
export const TaskNode = memo(function TaskNode({ data, selected }: NodeProps<TaskFlowNode>) {
  const { task, issues } = data;
  const exec = EXECUTORS[task.executor.kind];
  const Icon = exec.icon;
  const invalid = issues.length > 0;
  // Borders and outlines, not box-shadows: hundreds of blurred shadows make every pan frame repaint slowly.
  const frame = `${invalid ? "border-rose-400 bg-rose-50" : "border-slate-300 bg-white"} ${selected ? "outline-2 outline-offset-1 outline-indigo-500" : invalid ? "outline-1 outline-rose-400" : ""}`;
  return (
    <div
      data-testid={`task-node-${task.id}`}
      data-invalid={invalid ? "true" : "false"}
      title={invalid ? issues.join("\n") : undefined}
      style={{ width: TASK_WIDTH }}
      className={`rounded-lg border px-3 py-2 ${frame}`}
    >
      <Handle type="target" position={Position.Left} className={handle} />
      <div className="flex items-center gap-2">
        <span className={`grid size-6 shrink-0 place-items-center rounded ${exec.tone}`}>
          <Icon className="size-3.5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate text-sm font-semibold text-slate-900">{task.name || task.id}</div>
          <div className="truncate font-mono text-[11px] text-slate-500">
            {exec.label} · {task.id}
          </div>
        </div>
        <IssueCount count={issues.length} />
      </div>
      <div className="mt-1 truncate text-xs text-slate-600">{summarize(task.executor)}</div>
      <div className="mt-1 flex flex-wrap gap-1 text-[11px] text-slate-500">
        {task.retry.maxAttempts > 1 ? <span title="Attempts">↻ {task.retry.maxAttempts}×</span> : null}
        {task.timeoutMs !== null ? <span title="Timeout">⏱ {formatDuration(task.timeoutMs)}</span> : null}
        {task.executor.kind === "agent" && task.budget ? <span title="Budget of this task's agent calls">{formatBudget(task.budget)}</span> : null}
        {task.loop ? (
          <span className="inline-flex items-center gap-0.5 rounded bg-indigo-50 px-1 text-indigo-700" title="Repeats until its condition holds">
            <LoopIcon className="size-3" /> loop ≤ {task.loop.maxIterations}
          </span>
        ) : null}
      </div>
      <Handle type="source" position={Position.Right} className={handle} />
    </div>
  );
});
