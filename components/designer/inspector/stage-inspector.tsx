"use client";
import { Button } from "@/components/ui/button";
import { RUN_TIMEOUT_MAX_MS, RUN_TIMEOUT_MIN_MS, STAGE_TYPES, type StageDef, type StageKind, hasTaskGraph } from "@/lib/workflows/definition";
import { formatDuration } from "../executors/format";
import { setStageBudget, updateStage } from "../edits";
import { ChevronIcon, TrashIcon } from "../icons";
import { fieldMessages, unplacedMessages } from "../issues";
import { useIssues } from "../issues-context";
import { STAGE_LOOK } from "../stage-look";
import { useDesignerStore } from "../store/store";
import { useSelectionActions } from "../use-selection-actions";
import { BudgetFields } from "./budget-fields";
import { CheckboxInput, NumberInput, Section, SelectInput, TextInput } from "./fields";
import { IssueList } from "./issue-list";
import { PolicyTagsInput } from "./policy-tags-input";

const FIELDS = ["name", "type", "wipLimit", "runTimeoutMs", "agentPrompt", "agentTargetPath", "agentModelHint", "agentAutoApply"];
const MINUTE = 60_000;

/** Stages whose agent calls take guardrail tags: the agents of their task graphs and an agent assist. */
const hasAgentCalls = (type: StageKind) => type !== "HUMAN";
/**
 * Stages that show a run budget: automations, whose task graphs are their work. The engine applies a
 * stage budget to any run, so an agent-assist stage's graph obeys one too: shown there once set (a file or
 * a type change brought it), never hidden while it still limits runs.
 */
const hasRunBudget = (s: StageDef) => s.type === "AUTOMATION" || (hasTaskGraph(s.type) && s.budget !== null);

/** Settings of one stage; agent settings only for agent-assist stages, guardrails and a run budget for the automated ones. */
export function StageInspector({ stage }: { stage: StageDef }) {
  const store = useDesignerStore();
  const { deleteSelection } = useSelectionActions();
  const own = useIssues().stageOwn.get(stage.id);
  const err = (f: string) => fieldMessages(own, f);
  const set = (patch: Partial<StageDef>, field: string) =>
    store.getState().apply((d) => updateStage(d, stage.id, patch), { coalesce: `stage:${stage.id}:${field}` });
  const shown = [
    ...FIELDS,
    ...(hasAgentCalls(stage.type) ? ["policyTags"] : []),
    ...(hasRunBudget(stage) ? ["budget.maxCostUsd", "budget.maxTokens"] : []),
  ];
  const graphOthers = unplacedMessages(own, shown);
  return (
    <div className="space-y-3">
      <IssueList messages={graphOthers} />
      <TextInput label="Name" value={stage.name} maxLength={80} error={err("name")} onChange={(name) => set({ name }, "name")} />
      <SelectInput<StageKind>
        label="Type"
        value={stage.type}
        error={err("type")}
        options={STAGE_TYPES.map((t) => ({ value: t, label: STAGE_LOOK[t].label }))}
        onChange={(type) => set({ type }, "type")}
      />
      <NumberInput
        label="WIP limit"
        value={stage.wipLimit}
        optional
        min={1}
        max={10_000}
        placeholder="No limit"
        hint="How many items may be in this stage at once; empty for no limit."
        error={err("wipLimit")}
        onChange={(wipLimit) => set({ wipLimit }, "wipLimit")}
      />
      {hasTaskGraph(stage.type) ? (
        <NumberInput
          label="Run timeout (minutes)"
          value={stage.runTimeoutMs}
          optional
          min={RUN_TIMEOUT_MIN_MS}
          max={RUN_TIMEOUT_MAX_MS}
          scale={MINUTE}
          placeholder="No timeout"
          rangeMessage="Enter minutes: at least 1 second (0.017) and at most 30 days (43200); leave it empty for no timeout."
          hint={
            stage.runTimeoutMs === null
              ? "A run of this stage's tasks fails when it takes longer than this; empty for no timeout."
              : `A run of this stage's tasks fails after ${formatDuration(stage.runTimeoutMs)}; empty for no timeout.`
          }
          error={err("runTimeoutMs")}
          onChange={(runTimeoutMs) => set({ runTimeoutMs }, "runTimeoutMs")}
        />
      ) : null}
      {stage.type === "HUMAN" && stage.taskGraph?.tasks.length ? (
        <Button type="button" variant="secondary" onClick={() => set({ taskGraph: null }, "taskGraph")}>
          Remove its {stage.taskGraph.tasks.length} tasks
        </Button>
      ) : null}
      {stage.type === "AGENT_ASSIST" ? (
        <Section title="Agent">
          <TextInput
            label="Agent prompt"
            multiline
            rows={5}
            value={stage.agentPrompt}
            maxLength={20_000}
            error={err("agentPrompt")}
            placeholder="Review the change and propose fixes for failing checks."
            onChange={(agentPrompt) => set({ agentPrompt }, "agentPrompt")}
          />
          <TextInput
            label="Target path"
            value={stage.agentTargetPath}
            maxLength={500}
            placeholder="tandem-demo"
            hint="A repository under the allowed roots, or a folder in one (“shop” or “shop/src”). Empty: no repository; the agent plans from the item alone."
            error={err("agentTargetPath")}
            onChange={(agentTargetPath) => set({ agentTargetPath }, "agentTargetPath")}
          />
          <TextInput
            label="Model hint"
            value={stage.agentModelHint}
            maxLength={120}
            hint="An engine (builtin, openai-compatible) or model name to prefer. Empty: routing picks by what has worked before."
            error={err("agentModelHint")}
            onChange={(agentModelHint) => set({ agentModelHint }, "agentModelHint")}
          />
          <CheckboxInput
            label="Apply patches automatically"
            checked={stage.agentAutoApply}
            hint="Off by default. Applying patches automatically also needs the workflow owner's code.edit permission."
            onChange={(agentAutoApply) => set({ agentAutoApply }, "agentAutoApply")}
          />
        </Section>
      ) : null}
      {hasAgentCalls(stage.type) ? (
        <Section title="Guardrails">
          <PolicyTagsInput
            scope="stage"
            value={stage.policyTags}
            error={err("policyTags")}
            onChange={(policyTags) => set({ policyTags }, "policyTags")}
          />
        </Section>
      ) : null}
      {hasRunBudget(stage) ? (
        <BudgetFields
          title="Run budget"
          help={`For one run's agent calls, all tasks together${stage.type === "AUTOMATION" ? "" : " (not the agent assist)"}. Going over pauses the run for approval.`}
          budget={stage.budget}
          errorOf={(limit) => err(`budget.${limit}`)}
          onChange={(patch, limit) =>
            store.getState().apply((d) => setStageBudget(d, stage.id, patch), { coalesce: `stage:${stage.id}:budget.${limit}` })
          }
        />
      ) : null}
      <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-3">
        {hasTaskGraph(stage.type) ? (
          <Button type="button" variant="secondary" onClick={() => store.getState().openStage(stage.id)}>
            Open tasks <ChevronIcon className="size-3.5" />
          </Button>
        ) : null}
        <Button type="button" variant="ghost" className="text-rose-700 hover:bg-rose-50 hover:text-rose-800" onClick={deleteSelection}>
          <TrashIcon /> Delete stage
        </Button>
      </div>
    </div>
  );
}
