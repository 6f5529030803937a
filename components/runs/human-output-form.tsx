"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { submitTaskOutputAction } from "@/lib/runs/actions";
import { outputSkeleton, parseJsonInput, prettyJson } from "./json";
import { useRunAction } from "./use-run-action";

/**
 * A human task's output as JSON, started from its output schema. Bad JSON is caught here; the server
 * checks the schema and its message comes back as a toast.
 */
export function HumanOutputForm({ runId, taskKey, outputSchema }: { runId: string; taskKey: string; outputSchema: unknown }) {
  const id = useId();
  const [text, setText] = useState(() => prettyJson(outputSkeleton(outputSchema)));
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useRunAction();
  const submit = () => {
    const parsed = parseJsonInput(text);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    void run(() => submitTaskOutputAction({ runId, taskKey, output: parsed.value }), () => "Output submitted.");
  };
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Output (JSON)
      </label>
      <textarea
        id={id}
        rows={6}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${controlClass} mt-0 resize-y font-mono text-[13px]`}
        data-testid="human-output"
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-rose-600">
          {error}
        </p>
      ) : null}
      <Button type="button" onClick={submit} disabled={pending} data-testid="human-submit">
        {pending ? "Submitting…" : "Submit output"}
      </Button>
    </div>
  );
}
