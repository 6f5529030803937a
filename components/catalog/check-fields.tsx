"use client";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { TextArea } from "@/components/ui/textarea";
import { TextField } from "@/components/ui/text-field";
import { GUARDRAIL_KINDS, type GuardrailKind } from "@/lib/agents/catalog/schemas";
import { CHECK_KIND_LABELS } from "./check-text";
import { type CheckDraft, DEFAULT_SIDE, type Side } from "./policy-draft";

const HINTS: Record<GuardrailKind, string> = {
  secrets: "Looks for credentials (keys, tokens, private keys) and the values of the workflow owner's stored secrets.",
  path_allowlist: "Every file a patch in the output touches must match one of these globs.",
  patch_size: "Limits how much a patch in the output may change.",
  json_schema: "The agent's output must match this JSON Schema.",
  regex_deny: "None of these regular expressions (JavaScript syntax, case-insensitive) may match.",
  needs_approval: "Each agent call waits for a person to approve it before it runs.",
};

/** One check of the policy form: its kind and that kind's fields, with the errors at `checks.<i>.*`. */
export function CheckFields({
  check,
  index,
  onChange,
  onRemove,
  err,
}: {
  check: CheckDraft;
  index: number;
  onChange: (patch: Partial<CheckDraft>) => void;
  onRemove: (() => void) | null;
  err: (field: string) => string[] | undefined;
}) {
  const n = index + 1;
  const hasAction = check.kind !== "needs_approval";
  const hasSide = check.kind === "secrets" || check.kind === "regex_deny";
  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200" data-testid="check" data-kind={check.kind}>
      <div className="flex items-end gap-3">
        <div className="w-72">
          <Select
            label={`Check ${n}`}
            value={check.kind}
            onChange={(e) => {
              const kind = e.target.value as GuardrailKind;
              onChange({ kind, on: DEFAULT_SIDE[kind] ?? check.on });
            }}
            error={err("kind")}
          >
            {GUARDRAIL_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHECK_KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </div>
        <p className="flex-1 pb-2 text-xs text-slate-500">{HINTS[check.kind]}</p>
        {onRemove ? (
          <Button type="button" variant="ghost" onClick={onRemove} aria-label={`Remove check ${n}`}>
            Remove
          </Button>
        ) : null}
      </div>
      {check.kind === "path_allowlist" ? (
        <TextArea
          label="Allowed paths"
          mono
          rows={3}
          spellCheck={false}
          placeholder={"src/**\ntest/**"}
          value={check.paths}
          onChange={(e) => onChange({ paths: e.target.value })}
          error={err("paths")}
          hint="One glob a line, e.g. src/** or docs/*.md."
        />
      ) : null}
      {check.kind === "patch_size" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Max changed lines" type="number" min={1} step={1} value={check.maxLines} onChange={(e) => onChange({ maxLines: e.target.value })} error={err("maxLines")} hint="Added plus removed." />
          <TextField label="Max files" type="number" min={1} step={1} value={check.maxFiles} onChange={(e) => onChange({ maxFiles: e.target.value })} error={err("maxFiles")} />
        </div>
      ) : null}
      {check.kind === "json_schema" ? (
        <TextArea
          label="JSON Schema"
          mono
          rows={5}
          spellCheck={false}
          placeholder={'{ "type": "object", "required": ["summary"] }'}
          value={check.schema}
          onChange={(e) => onChange({ schema: e.target.value })}
          error={err("schema")}
        />
      ) : null}
      {check.kind === "regex_deny" ? (
        <TextArea
          label="Forbidden patterns"
          mono
          rows={3}
          spellCheck={false}
          placeholder={"internal\\.example\\.com\n\\bDROP\\s+TABLE\\b"}
          value={check.patterns}
          onChange={(e) => onChange({ patterns: e.target.value })}
          error={err("patterns")}
          hint="One regular expression a line."
        />
      ) : null}
      {check.kind === "needs_approval" ? (
        <TextField label="Reason (optional)" value={check.reason} onChange={(e) => onChange({ reason: e.target.value })} error={err("reason")} hint="Shown to the person asked to approve." maxLength={500} />
      ) : null}
      {hasAction || hasSide ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {hasSide ? (
            <Select label="Looks at" value={check.on} onChange={(e) => onChange({ on: e.target.value as Side })} error={err("on")}>
              <option value="output">The output</option>
              <option value="input">The input</option>
              <option value="both">Input and output</option>
            </Select>
          ) : null}
          {hasAction ? (
            <Select label="When it finds something" value={check.action} onChange={(e) => onChange({ action: e.target.value as "flag" | "block" })} error={err("action")}>
              <option value="block">Block: stop the call</option>
              <option value="flag">Flag: let it through, marked</option>
            </Select>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
