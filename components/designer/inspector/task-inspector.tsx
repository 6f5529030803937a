"use client";
import { Button } from "@/components/ui/button";
import { EXECUTOR_KINDS, type ExecutorKind, type Task, type TaskGraph } from "@/lib/engine/graph-schema";
import { renameTask, setTaskBudget, updateTask } from "../edits";
import { EXECUTORS, executorModule, panelOf } from "../executors/registry";
import { TrashIcon } from "../icons";
import { fieldMessages, taskKey, unplacedMessages } from "../issues";
import { useIssues } from "../issues-context";
import { JsonField } from "../json-field";
import { useDesignerStore } from "../store/store";
import { useSelectionActions } from "../use-selection-actions";
import { BudgetFields } from "./budget-fields";
import { Section, SelectInput, TextInput } from "./fields";
import { IssueList } from "./issue-list";
import { TaskAdvanced } from "./task-advanced";
import { TaskIdField } from "./task-id-field";

const PLACED = ["id", "name", "input", "retry", "timeoutMs", "inputSchema", "outputSchema", "policyTags", "loop"];
/** Shown for agent tasks only: elsewhere a budget problem goes to the summary line. */
const BUDGET_FIELDS = ["budget.maxCostUsd", "budget.maxTokens"];
const EXECUTOR_FIELDS = ["role", "modelHint", "prompt", "approvals", "instructions", "method", "url", "headers", "body", "output", "ms"];

/**
 * One task: id, name, executor (kind and its own panel), an agent's budget, input mapping, then retry,
 * timeout, schemas, policy tags and loop. `slot` survives renames, so typing an id is one undo step.
 */
export function TaskInspector({ stageId, task, graph, slot }: { stageId: string; task: Task; graph: TaskGraph; slot: number }) {
  const store = useDesignerStore();
  const { deleteSelection } = useSelectionActions();
  const issues = useIssues().byTask.get(taskKey(stageId, task.id));
  const err = (f: string) => fieldMessages(issues, f);
  const coalesce = (field: string) => `task:${stageId}:${slot}:${field}`;
  const set = (patch: Partial<Task>, field: string) =>
    store.getState().apply((d) => updateTask(d, stageId, task.id, patch), { coalesce: coalesce(field) });
  const exec = executorModule(task.executor.kind);
  const Panel = panelOf(task.executor.kind);
  const isAgent = task.executor.kind === "agent";

  const changeKind = (kind: ExecutorKind) => {
    const next = EXECUTORS[kind];
    // A name still equal to the old kind's label follows the new kind.
    const name = task.name === exec.label ? next.label : task.name;
    // Only agent calls spend against a budget; another kind would keep one nobody can see.
    const budget = kind !== "agent" && task.budget ? { budget: null } : {};
    set({ executor: next.defaults(), name, ...budget }, "executor.kind");
  };
  const placed = [...PLACED, ...EXECUTOR_FIELDS.map((f) => `executor.${f}`), ...(isAgent ? BUDGET_FIELDS : [])];

  return (
    <div className="space-y-3">
      <IssueList messages={unplacedMessages(issues, placed)} />
      <TaskIdField
        graph={graph}
        id={task.id}
        error={err("id")}
        onRename={(next) => store.getState().apply((d) => renameTask(d, stageId, task.id, next), { coalesce: coalesce("id"), select: { tasks: [next] } })}
      />
      <TextInput label="Name" value={task.name} maxLength={120} error={err("name")} onChange={(name) => set({ name }, "name")} />
      <Section title="Executor">
        <SelectInput<ExecutorKind>
          label="Executor"
          value={task.executor.kind}
          options={EXECUTOR_KINDS.map((k) => ({ value: k, label: EXECUTORS[k].label }))}
          onChange={changeKind}
        />
        <Panel
          executor={task.executor}
          errorOf={(f) => err(`executor.${f}`)}
          onChange={(executor, field) => set({ executor }, `executor.${field}`)}
        />
      </Section>
      {isAgent ? (
        <BudgetFields
          title="Budget"
          help="For this task's agent calls, all attempts together. Going over pauses the run for approval."
          budget={task.budget}
          errorOf={(limit) => err(`budget.${limit}`)}
          onChange={(patch, limit) => store.getState().apply((d) => setTaskBudget(d, stageId, task.id, patch), { coalesce: coalesce(`budget.${limit}`) })}
        />
      ) : null}
      <Section title="Input">
        <JsonField
          label="Input mapping"
          object
          rows={4}
          value={task.input}
          hint="JSON; strings may reference earlier outputs, e.g. {{previous_output.id}} or {{item.data.title}}."
          error={err("input")}
          onChange={(input) => set({ input: input as Task["input"] }, "input")}
        />
      </Section>
      <TaskAdvanced task={task} set={set} err={err} />
      <div className="border-t border-slate-200 pt-3">
        <Button type="button" variant="ghost" className="text-rose-700 hover:bg-rose-50 hover:text-rose-800" onClick={deleteSelection}>
          <TrashIcon /> Delete task
        </Button>
      </div>
    </div>
  );
}
