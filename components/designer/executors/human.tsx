"use client";
import type { ExecutorOf } from "@/lib/engine/graph-schema";
import { ClipboardIcon } from "../icons";
import { TextInput } from "../inspector/fields";
import type { ExecutorModule, ExecutorPanelProps } from "./types";

/** Longest instructions line the node shows before cutting it. */
const SUMMARY_CHARS = 60;

function Panel({ executor, onChange, errorOf }: ExecutorPanelProps<"human">) {
  return (
    <TextInput
      label="Instructions"
      multiline
      rows={4}
      value={executor.instructions}
      maxLength={5_000}
      placeholder="Check the release notes and paste the changelog link."
      hint="A person completes this task by submitting its output, from the run page or the API. Describe what to submit with an output schema (Advanced)."
      error={errorOf("instructions")}
      onChange={(instructions) => onChange({ ...executor, instructions }, "instructions")}
    />
  );
}

function summary(e: ExecutorOf<"human">): string {
  const first = e.instructions.trim().split("\n")[0]?.trim() ?? "";
  if (!first) return "Waits for a person";
  return first.length > SUMMARY_CHARS ? `${first.slice(0, SUMMARY_CHARS - 1)}…` : first;
}

export const humanExecutor: ExecutorModule<"human"> = {
  kind: "human",
  label: "Human task",
  icon: ClipboardIcon,
  tone: "bg-teal-100 text-teal-700",
  defaults: (): ExecutorOf<"human"> => ({ kind: "human", instructions: "" }),
  Panel,
  summary,
};
