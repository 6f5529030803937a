"use client";
import { ListInput } from "./list-input";

/** Where guardrail policies are written and listed. */
export const GUARDRAILS_HREF = "/agents/catalog/guardrails";

/**
 * Guardrail policy tags of a task or a stage. The link opens a new tab: the designer may hold unsaved
 * edits. `secrets` and `needs-approval` are the tags that work with no policy written (`BUILTIN_POLICIES`
 * in lib/catalog/policies.ts, which is server code and cannot be imported here).
 */
export function PolicyTagsInput({
  value,
  onChange,
  error,
  scope,
}: {
  value: readonly string[];
  onChange: (tags: string[]) => void;
  error?: string[];
  scope: "task" | "stage";
}) {
  return (
    <ListInput
      label="Policy tags"
      value={value}
      maxItems={20}
      maxLength={80}
      error={error}
      onChange={onChange}
      hint={
        <>
          {scope === "stage" ? "For every agent call in this stage. " : ""}
          Tags name{" "}
          <a href={GUARDRAILS_HREF} target="_blank" rel="noreferrer" className="font-medium text-indigo-700 underline hover:text-indigo-900">
            guardrail policies
          </a>{" "}
          in the agent catalog; “secrets” and “needs-approval” work without one. Comma-separated.
        </>
      }
    />
  );
}
