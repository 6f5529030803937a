"use client";
import { BACKOFFS, type Loop, type Task } from "@/lib/engine/graph-schema";
import { JsonField } from "../json-field";
import { ConditionFields, loopSuggestions } from "./condition-fields";
import { NumberInput, Section, SelectInput } from "./fields";
import { PolicyTagsInput } from "./policy-tags-input";

type Props = {
  task: Task;
  set: (patch: Partial<Task>, field: string) => void;
  err: (field: string) => string[] | undefined;
};

const DAY_MS = 24 * 3_600_000;
const DEFAULT_LOOP: Loop = { until: { left: "{{output.done}}", op: "truthy" }, maxIterations: 5 };

/** Retry, timeout, schemas, policy tags and loop of a task. */
export function TaskAdvanced({ task, set, err }: Props) {
  return (
    <>
      <Section title="Retry and timeout">
        <NumberInput
          label="Max attempts"
          value={task.retry.maxAttempts}
          min={1}
          max={10}
          error={err("retry.maxAttempts")}
          onChange={(n) => n !== null && set({ retry: { ...task.retry, maxAttempts: n } }, "retry.maxAttempts")}
        />
        <SelectInput
          label="Backoff"
          value={task.retry.backoff}
          options={BACKOFFS.map((b) => ({ value: b, label: b === "fixed" ? "Fixed delay" : "Exponential" }))}
          onChange={(backoff) => set({ retry: { ...task.retry, backoff } }, "retry.backoff")}
        />
        <NumberInput
          label="Initial delay (seconds)"
          value={task.retry.initialDelayMs}
          min={0}
          max={3_600_000}
          scale={1000}
          error={err("retry.initialDelayMs")}
          onChange={(n) => n !== null && set({ retry: { ...task.retry, initialDelayMs: n } }, "retry.initialDelayMs")}
        />
        <NumberInput
          label="Timeout (seconds)"
          value={task.timeoutMs}
          optional
          min={1000}
          max={30 * DAY_MS}
          scale={1000}
          placeholder="No timeout"
          error={err("timeoutMs")}
          onChange={(timeoutMs) => set({ timeoutMs }, "timeoutMs")}
        />
      </Section>
      <Section title="Schemas">
        <JsonField
          label="Input schema"
          object
          nullable
          value={task.inputSchema}
          placeholder='{ "type": "object" }'
          hint="JSON Schema the task's input must match; empty for none."
          error={err("inputSchema")}
          onChange={(v) => set({ inputSchema: v as Task["inputSchema"] }, "inputSchema")}
        />
        <JsonField
          label="Output schema"
          object
          nullable
          value={task.outputSchema}
          placeholder='{ "type": "object", "properties": { "score": { "type": "number" } } }'
          hint="Its properties are suggested in conditions on the edges leaving this task."
          error={err("outputSchema")}
          onChange={(v) => set({ outputSchema: v as Task["outputSchema"] }, "outputSchema")}
        />
      </Section>
      <Section title="Policy and loop">
        <PolicyTagsInput scope="task" value={task.policyTags} error={err("policyTags")} onChange={(policyTags) => set({ policyTags }, "policyTags")} />
        <SelectInput<"off" | "until">
          label="Loop"
          value={task.loop ? "until" : "off"}
          options={[
            { value: "off", label: "Run once" },
            { value: "until", label: "Repeat until a condition holds" },
          ]}
          onChange={(v) => set({ loop: v === "until" ? DEFAULT_LOOP : null }, "loop")}
        />
        {task.loop ? <LoopFields task={task} loop={task.loop} set={set} err={err} /> : null}
      </Section>
    </>
  );
}

function LoopFields({ task, loop, set, err }: Props & { loop: Loop }) {
  return (
    <>
      <ConditionFields
        condition={loop.until}
        suggestions={loopSuggestions(task)}
        leftLabel="Until reference"
        errorOf={(f) => err(`loop.until.${f}`)}
        onChange={(until, field) => set({ loop: { ...loop, until } }, `loop.until.${field}`)}
      />
      <NumberInput
        label="Max iterations"
        value={loop.maxIterations}
        min={1}
        max={100}
        error={err("loop.maxIterations")}
        onChange={(n) => n !== null && set({ loop: { ...loop, maxIterations: n } }, "loop.maxIterations")}
      />
    </>
  );
}
