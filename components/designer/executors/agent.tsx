"use client";
import type { ExecutorOf } from "@/lib/engine/graph-schema";
import { BotIcon } from "../icons";
import { TextInput } from "../inspector/fields";
import type { ExecutorModule, ExecutorPanelProps } from "./types";

function Panel({ executor, onChange, errorOf }: ExecutorPanelProps<"agent">) {
  return (
    <>
      <TextInput label="Role" value={executor.role} maxLength={80} placeholder="reviewer" error={errorOf("role")} onChange={(role) => onChange({ ...executor, role }, "role")} />
      <TextInput
        label="Model hint"
        value={executor.modelHint ?? ""}
        maxLength={120}
        error={errorOf("modelHint")}
        hint="Optional; the agent engine picks a model when empty."
        onChange={(v) => onChange({ ...executor, modelHint: v || undefined }, "modelHint")}
      />
      <TextInput
        label="Prompt"
        multiline
        rows={5}
        value={executor.prompt ?? ""}
        maxLength={20_000}
        error={errorOf("prompt")}
        onChange={(v) => onChange({ ...executor, prompt: v || undefined }, "prompt")}
      />
    </>
  );
}

export const agentExecutor: ExecutorModule<"agent"> = {
  kind: "agent",
  label: "Agent",
  icon: BotIcon,
  tone: "bg-violet-100 text-violet-700",
  defaults: (): ExecutorOf<"agent"> => ({ kind: "agent", role: "" }),
  Panel,
  summary: (e) => (e.role ? `Role: ${e.role}` : "No role yet"),
};
