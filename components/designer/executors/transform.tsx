"use client";
import type { ExecutorOf } from "@/lib/engine/graph-schema";
import { BracesIcon } from "../icons";
import { JsonField } from "../json-field";
import type { ExecutorModule, ExecutorPanelProps } from "./types";

function Panel({ executor, onChange, errorOf }: ExecutorPanelProps<"transform">) {
  return (
    <JsonField
      label="Output template"
      rows={6}
      value={executor.output}
      hint="JSON whose strings may hold references, e.g. {{previous_output.score}}; its rendering is the task's output."
      error={errorOf("output")}
      onChange={(output) => onChange({ ...executor, output }, "output")}
    />
  );
}

export const transformExecutor: ExecutorModule<"transform"> = {
  kind: "transform",
  label: "Transform",
  icon: BracesIcon,
  tone: "bg-emerald-100 text-emerald-700",
  defaults: (): ExecutorOf<"transform"> => ({ kind: "transform", output: { result: "{{previous_output}}" } }),
  Panel,
  summary: (e) => {
    const o = e.output;
    if (o && typeof o === "object" && !Array.isArray(o)) {
      const keys = Object.keys(o);
      return keys.length ? `→ { ${keys.slice(0, 3).join(", ")}${keys.length > 3 ? ", …" : ""} }` : "→ {}";
    }
    return "→ JSON template";
  },
};
