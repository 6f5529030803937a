"use client";
import type { ExecutorOf } from "@/lib/engine/graph-schema";
import { CheckIcon } from "../icons";
import { NumberInput, SelectInput, TextInput } from "../inspector/fields";
import type { ExecutorModule, ExecutorPanelProps } from "./types";

type OnTimeout = "" | "reject" | "approve";

function Panel({ executor, onChange, errorOf }: ExecutorPanelProps<"approval">) {
  return (
    <>
      <NumberInput
        label="Approvals needed"
        value={executor.approvals}
        min={1}
        max={20}
        error={errorOf("approvals")}
        onChange={(n) => n !== null && onChange({ ...executor, approvals: n }, "approvals")}
      />
      <SelectInput
        label="Approver access"
        value={executor.level}
        options={[
          { value: "WRITE", label: "Write access to the workflow" },
          { value: "ADMIN", label: "Admin access to the workflow" },
        ]}
        onChange={(level) => onChange({ ...executor, level }, "level")}
      />
      <TextInput
        label="Instructions"
        multiline
        rows={3}
        value={executor.instructions ?? ""}
        maxLength={5_000}
        error={errorOf("instructions")}
        onChange={(v) => onChange({ ...executor, instructions: v || undefined }, "instructions")}
      />
      <SelectInput<OnTimeout>
        label="When the timeout passes"
        value={executor.onTimeout ?? ""}
        hint="Applies only when the task has a timeout."
        options={[
          { value: "", label: "Not set" },
          { value: "reject", label: "Reject" },
          { value: "approve", label: "Approve" },
        ]}
        onChange={(v) => onChange({ ...executor, onTimeout: v || undefined }, "onTimeout")}
      />
    </>
  );
}

export const approvalExecutor: ExecutorModule<"approval"> = {
  kind: "approval",
  label: "Approval",
  icon: CheckIcon,
  tone: "bg-amber-100 text-amber-700",
  defaults: (): ExecutorOf<"approval"> => ({ kind: "approval", approvals: 1, level: "WRITE" }),
  Panel,
  summary: (e) => `${e.approvals} approval${e.approvals === 1 ? "" : "s"} · ${e.level === "ADMIN" ? "admins" : "writers"}`,
};
