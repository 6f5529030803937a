"use client";
import type { ExecutorOf } from "@/lib/engine/graph-schema";
import { ClockIcon } from "../icons";
import { NumberInput } from "../inspector/fields";
import { formatDuration } from "./format";
import type { ExecutorModule, ExecutorPanelProps } from "./types";

const MAX_MS = 30 * 24 * 3_600_000;

function Panel({ executor, onChange, errorOf }: ExecutorPanelProps<"delay">) {
  return (
    <NumberInput
      label="Wait (seconds)"
      value={executor.ms}
      min={0}
      max={MAX_MS}
      scale={1000}
      hint={`Up to 30 days. Now: ${formatDuration(executor.ms)}.`}
      error={errorOf("ms")}
      onChange={(ms) => ms !== null && onChange({ ...executor, ms }, "ms")}
    />
  );
}

export const delayExecutor: ExecutorModule<"delay"> = {
  kind: "delay",
  label: "Delay",
  icon: ClockIcon,
  tone: "bg-slate-200 text-slate-700",
  defaults: (): ExecutorOf<"delay"> => ({ kind: "delay", ms: 60_000 }),
  Panel,
  summary: (e) => `Wait ${formatDuration(e.ms)}`,
};
