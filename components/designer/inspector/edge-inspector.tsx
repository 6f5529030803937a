"use client";
import { Button } from "@/components/ui/button";
import { type Condition, type Edge, type TaskGraph, edgeKey } from "@/lib/engine/graph-schema";
import { setEdgeCondition } from "../edits";
import { TrashIcon } from "../icons";
import { edgeIssueKey, fieldMessages, unplacedMessages } from "../issues";
import { useIssues } from "../issues-context";
import { useDesignerStore } from "../store/store";
import { useSelectionActions } from "../use-selection-actions";
import { ConditionFields, edgeSuggestions } from "./condition-fields";
import { CheckboxInput } from "./fields";
import { IssueList } from "./issue-list";

const DEFAULT_CONDITION: Condition = { left: "{{previous_output}}", op: "truthy" };

/** A dependency: which tasks it joins, and the condition under which it is followed. */
export function EdgeInspector({ stageId, edge, graph }: { stageId: string; edge: Edge; graph: TaskGraph }) {
  const store = useDesignerStore();
  const { deleteSelection } = useSelectionActions();
  const issues = useIssues().byEdge.get(edgeIssueKey(stageId, edge));
  const key = edgeKey(edge);
  const set = (condition: Condition | null, field: string) =>
    store.getState().apply((d) => setEdgeCondition(d, stageId, key, condition), { coalesce: `edge:${stageId}:${key}:${field}` });
  const source = graph.tasks.find((t) => t.id === edge.from);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        <span className="font-mono font-medium">{edge.from}</span> → <span className="font-mono font-medium">{edge.to}</span>
      </p>
      <IssueList messages={unplacedMessages(issues, ["condition"])} />
      <CheckboxInput
        label="Only when a condition holds"
        checked={edge.condition !== null}
        hint={`Without a condition, “${edge.to}” runs once “${edge.from}” succeeds.`}
        onChange={(on) => set(on ? DEFAULT_CONDITION : null, "enabled")}
      />
      {edge.condition ? (
        <ConditionFields
          condition={edge.condition}
          suggestions={edgeSuggestions(source)}
          leftLabel="Left reference"
          errorOf={(f) => fieldMessages(issues, `condition.${f}`) ?? (f === "left" ? fieldMessages(issues, "condition") : undefined)}
          onChange={(c, field) => set(c, field)}
        />
      ) : null}
      <div className="border-t border-slate-200 pt-3">
        <Button type="button" variant="ghost" className="text-rose-700 hover:bg-rose-50 hover:text-rose-800" onClick={deleteSelection}>
          <TrashIcon /> Delete dependency
        </Button>
      </div>
    </div>
  );
}
