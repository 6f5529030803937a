"use client";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { StageTypeBadge } from "@/components/board/stage-type-badge";
import { hasTaskGraph } from "@/lib/workflows/definition";
import { formatBudget } from "@/lib/workflows/diff";
import { formatDuration } from "../executors/format";
import { ChevronIcon, IssueCount } from "../icons";
import { STAGE_LOOK } from "../stage-look";
import { useDesigner } from "../store/store";
import { STAGE_WIDTH, type StageFlowNode } from "./derive";

/** One stage on the stage-level canvas: reads only its own data (and a stable store action). */
export const StageNode = memo(function StageNode({ data, selected }: NodeProps<StageFlowNode>) {
  const openStage = useDesigner((s) => s.openStage);
  const { stage, index, issues, taskCount } = data;
  const look = STAGE_LOOK[stage.type];
  const Icon = look.icon;
  const invalid = issues.length > 0;
  // Borders and outlines, not box-shadows: hundreds of blurred shadows make every pan frame repaint slowly.
  const frame = `${invalid ? "border-rose-400 bg-rose-50" : "border-slate-300 bg-white"} ${selected ? "outline-2 outline-offset-1 outline-indigo-500" : invalid ? "outline-1 outline-rose-400" : ""}`;
  return (
    <div
      data-testid={`stage-node-${index}`}
      data-stage-name={stage.name}
      data-invalid={invalid ? "true" : "false"}
      title={invalid ? issues.join("\n") : undefined}
      style={{ width: STAGE_WIDTH }}
      className={`relative rounded-lg border p-3 ${frame}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!opacity-0" />
      <div className="flex items-start gap-2">
        <span className={`grid size-7 shrink-0 place-items-center rounded-md ${look.chip}`}>
          <Icon />
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate text-sm font-semibold text-slate-900">{stage.name || <em className="text-slate-400">Unnamed</em>}</div>
          <div className="mt-1 flex flex-wrap items-center gap-1">
            <StageTypeBadge type={stage.type} />
          </div>
        </div>
        <IssueCount count={issues.length} />
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500">
        <div>
          <dt className="inline">WIP </dt>
          <dd className="inline font-medium text-slate-700">{stage.wipLimit ?? "—"}</dd>
        </div>
        {hasTaskGraph(stage.type) ? (
          <div>
            <dt className="inline">Tasks </dt>
            <dd className="inline font-medium text-slate-700">{taskCount}</dd>
          </div>
        ) : null}
        {hasTaskGraph(stage.type) && stage.runTimeoutMs !== null ? (
          <div title="Run timeout">
            <dt className="inline">⏱ </dt>
            <dd className="inline font-medium text-slate-700">{formatDuration(stage.runTimeoutMs)}</dd>
          </div>
        ) : null}
        {stage.type === "AUTOMATION" && stage.budget ? (
          <div title="Run budget: the agent spend of one run">
            <dt className="inline">Budget </dt>
            <dd className="inline font-medium text-slate-700">{formatBudget(stage.budget)}</dd>
          </div>
        ) : null}
      </dl>
      {hasTaskGraph(stage.type) ? (
        <button
          type="button"
          data-testid="open-tasks"
          className="nodrag mt-2 inline-flex w-full items-center justify-center gap-1 rounded-md bg-slate-50 px-2 py-1 text-xs font-medium text-indigo-700 ring-1 ring-slate-200 hover:bg-indigo-50"
          onClick={(e) => {
            e.stopPropagation();
            openStage(stage.id);
          }}
        >
          Open tasks
          <ChevronIcon className="size-3.5" />
        </button>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} className="!opacity-0" />
    </div>
  );
});
