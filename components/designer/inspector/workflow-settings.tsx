"use client";
import { MAX_CONCURRENT_RUNS_LIMIT } from "@/lib/workflows/definition";
import { updateSettings } from "../edits";
import { useIssues } from "../issues-context";
import { useDesigner, useDesignerStore } from "../store/store";
import { NumberInput } from "./fields";

/** Where a settings problem sits in the definition, as the server and validation name it. */
const PATH = "settings.maxConcurrentRuns";

/** Settings of the whole workflow, shown when nothing is selected on the stage canvas. */
export function WorkflowSettings() {
  const store = useDesignerStore();
  const maxConcurrentRuns = useDesigner((s) => s.definition.settings.maxConcurrentRuns);
  const errors = useIssues()
    .all.filter((i) => i.path === PATH)
    .map((i) => i.message);
  return (
    <div className="space-y-3">
      <NumberInput
        label="Runs at a time"
        value={maxConcurrentRuns}
        optional
        min={1}
        max={MAX_CONCURRENT_RUNS_LIMIT}
        placeholder="No limit"
        hint="How many runs of this workflow's tasks may go at once; more wait their turn. Empty for no limit of its own (the instance-wide limit still applies)."
        error={errors.length ? errors : undefined}
        onChange={(n) => store.getState().apply((d) => updateSettings(d, { maxConcurrentRuns: n }), { coalesce: "settings:maxConcurrentRuns" })}
      />
      <p className="border-t border-slate-200 pt-3 text-sm text-slate-600">
        Select a stage to edit it; open an automated stage to design its tasks.
      </p>
    </div>
  );
}
