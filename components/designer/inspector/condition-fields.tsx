"use client";
import { useId } from "react";
import { BINARY_OPS, CONDITION_OPS, type Condition, type ConditionOp, type Task } from "@/lib/engine/graph-schema";
import { JsonField } from "../json-field";
import { SelectInput, TextInput } from "./fields";

const OP_LABELS: Record<ConditionOp, string> = {
  equals: "equals",
  not_equals: "does not equal",
  greater_than: "is greater than",
  less_than: "is less than",
  contains: "contains",
  exists: "exists",
  not_exists: "does not exist",
  truthy: "is truthy",
  falsy: "is falsy",
};

function outputFields(task: Task | undefined): string[] {
  const props = task?.outputSchema?.properties;
  return props && typeof props === "object" && !Array.isArray(props) ? Object.keys(props) : [];
}

/** References worth suggesting on an edge leaving `source`: its whole output, its output schema's fields, the item's data. */
export function edgeSuggestions(source: Task | undefined): string[] {
  return ["{{previous_output}}", ...outputFields(source).map((f) => `{{previous_output.${f}}}`), "{{item.data.}}"];
}

/** References worth suggesting in a task's loop condition: its own output (and fields) and the iteration number. */
export function loopSuggestions(task: Task): string[] {
  return ["{{output}}", ...outputFields(task).map((f) => `{{output.${f}}}`), "{{loop.iteration}}"];
}

/** Left reference (with suggestions), operator and, for comparing operators, a JSON value. */
export function ConditionFields({
  condition,
  onChange,
  suggestions,
  errorOf,
  leftLabel = "Reference",
}: {
  condition: Condition;
  onChange: (next: Condition, field: string) => void;
  suggestions: string[];
  errorOf: (field: string) => string[] | undefined;
  leftLabel?: string;
}) {
  const listId = useId();
  const binary = BINARY_OPS.includes(condition.op);
  return (
    <>
      <TextInput
        label={leftLabel}
        value={condition.left}
        list={listId}
        maxLength={500}
        placeholder={suggestions[1] ?? suggestions[0]}
        error={errorOf("left")}
        onChange={(left) => onChange({ ...condition, left }, "left")}
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <SelectInput<ConditionOp>
        label="Operator"
        value={condition.op}
        error={errorOf("op")}
        options={CONDITION_OPS.map((op) => ({ value: op, label: OP_LABELS[op] }))}
        onChange={(op) => {
          const { value, ...rest } = condition;
          onChange(BINARY_OPS.includes(op) ? { ...rest, op, value: value ?? "" } : { ...rest, op }, "op");
        }}
      />
      {binary ? (
        <JsonField
          label="Value"
          rows={1}
          value={condition.value ?? null}
          nullable
          hint='JSON: 3, "approved", true…'
          error={errorOf("value")}
          onChange={(value) => onChange({ ...condition, value: value === null ? undefined : value }, "value")}
        />
      ) : null}
    </>
  );
}
