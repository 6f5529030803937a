"use client";
import { useEffect, useState } from "react";
import { MAX_CONCURRENT_RUNS_LIMIT } from "@/lib/workflows/definition";
import { updateSettings } from "../edits";
import { useIssues } from "../issues-context";
import { useDesigner, useDesignerStore } from "../store/store";
import { NumberInput, TextInput } from "./fields";

/** Where a settings problem sits in the definition, as the server and validation name it. */
const PATH = "settings.maxConcurrentRuns";
const SECRETS_PATH = "settings.requiredSecrets";

const secretList = (text: string) => text.split(/[\s,]+/).filter(Boolean);

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
      <RequiredSecrets />
      <p className="border-t border-slate-200 pt-3 text-sm text-slate-600">
        Select a stage to edit it; open an automated stage to design its tasks.
      </p>
    </div>
  );
}

/** The secrets runs and agent calls need, typed as a list of names; kept as typed while it parses the same. */
function RequiredSecrets() {
  const store = useDesignerStore();
  const names = useDesigner((s) => s.definition.settings.requiredSecrets);
  const [text, setText] = useState(names.join(", "));
  // Undo, redo or an import changed the list: show it; a comma just typed stays.
  useEffect(() => {
    setText((current) => (secretList(current).join(",") === names.join(",") ? current : names.join(", ")));
  }, [names]);
  const errors = useIssues()
    .all.filter((i) => i.path.startsWith(SECRETS_PATH))
    .map((i) => i.message);
  return (
    <TextInput
      label="Required secrets"
      value={text}
      mono
      placeholder="e.g. GITHUB_TOKEN, DEPLOY_KEY"
      hint="Names of secrets (Settings → Secrets) that runs and agent calls need from the owning team or owner. Without one, a run fails at once and an agent call stops, naming what is missing."
      error={errors.length ? errors : undefined}
      onChange={(value) => {
        setText(value);
        store.getState().apply((d) => updateSettings(d, { requiredSecrets: secretList(value) }), { coalesce: "settings:requiredSecrets" });
      }}
    />
  );
}
