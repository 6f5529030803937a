"use client";
import { BaseEdge, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { TASK_HEIGHT, type TaskFlowEdge } from "./derive";

const REACH = 24;
const r = 10;

/**
 * A dependency. Forward it is a curve; backward (a cycle, or a task placed left of what it waits for) it
 * leaves right, runs under both tasks and enters from the left, so it is never hidden behind them.
 */
export const TaskEdge = memo(function TaskEdge(props: EdgeProps<TaskFlowEdge>) {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty, sourcePosition, targetPosition } = props;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (tx >= sx) {
    [path, labelX, labelY] = getBezierPath({ sourceX: sx, sourceY: sy, sourcePosition, targetX: tx, targetY: ty, targetPosition });
  } else {
    const below = Math.max(sy, ty) + TASK_HEIGHT / 2 + 28;
    const right = sx + REACH;
    const left = tx - REACH;
    path = [
      `M ${sx},${sy}`,
      `L ${right - r},${sy} Q ${right},${sy} ${right},${sy + r}`,
      `L ${right},${below - r} Q ${right},${below} ${right - r},${below}`,
      `L ${left + r},${below} Q ${left},${below} ${left},${below - r}`,
      `L ${left},${ty + r} Q ${left},${ty} ${left + r},${ty}`,
      `L ${tx},${ty}`,
    ].join(" ");
    labelX = (right + left) / 2;
    labelY = below;
  }
  return (
    <BaseEdge
      id={props.id}
      path={path}
      labelX={labelX}
      labelY={labelY}
      label={props.label}
      labelStyle={props.labelStyle}
      labelShowBg={props.labelShowBg}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
      markerEnd={props.markerEnd}
      style={props.style}
      interactionWidth={props.interactionWidth}
    />
  );
});
