import type { GuardrailCheck, GuardrailKind } from "@/lib/agents/catalog/schemas";
import type { Visibility } from "./agent-draft";
import type { FieldErrors } from "./field-errors";
import { jsonText, parseJsonText } from "./json-text";

/**
 * The policy form's state: each check holds every kind's fields as typed (lists one entry a line,
 * numbers and JSON as text), so changing a check's kind and back loses nothing. `policyInputOf` builds
 * the action's input or field errors keyed like the server's (`checks.1.paths`).
 */

export type Side = "input" | "output" | "both";
export type CheckDraft = {
  key: number;
  kind: GuardrailKind;
  on: Side;
  action: "flag" | "block";
  paths: string;
  maxLines: string;
  maxFiles: string;
  schema: string;
  patterns: string;
  reason: string;
};

export type PolicyDraft = { tag: string; description: string; visibility: Visibility; teamId: string; checks: CheckDraft[] };

/** Where a kind looks by default; the server's defaults, repeated so the form shows them. */
export const DEFAULT_SIDE: Partial<Record<GuardrailKind, Side>> = { secrets: "output", regex_deny: "both" };

// React keys only; never sent. A counter rather than a UUID: crypto.randomUUID needs a secure origin.
let nextKey = 0;

/** A check's draft: an existing check's values, or a new check of `kind` with the defaults. */
export function checkDraft(check: GuardrailCheck | GuardrailKind): CheckDraft {
  const c = typeof check === "string" ? null : check;
  const kind = typeof check === "string" ? check : check.kind;
  return {
    key: ++nextKey,
    kind,
    on: c && "on" in c ? c.on : (DEFAULT_SIDE[kind] ?? "output"),
    action: c && "action" in c ? c.action : "block",
    paths: c?.kind === "path_allowlist" ? c.paths.join("\n") : "",
    maxLines: String(c?.kind === "patch_size" ? c.maxLines : 500),
    maxFiles: String(c?.kind === "patch_size" ? c.maxFiles : 50),
    schema: c?.kind === "json_schema" ? jsonText(c.schema) : "",
    patterns: c?.kind === "regex_deny" ? c.patterns.join("\n") : "",
    reason: c?.kind === "needs_approval" ? c.reason : "",
  };
}

/** The draft of a new policy (owned as `owner` says) or of an existing one. */
export function policyDraft(
  policy: { tag: string; description: string; checks: GuardrailCheck[] } | null,
  owner: { visibility: Visibility; teamId: string },
): PolicyDraft {
  return {
    tag: policy?.tag ?? "",
    description: policy?.description ?? "",
    ...owner,
    checks: policy ? policy.checks.map(checkDraft) : [checkDraft("regex_deny")],
  };
}

/** One entry a line: trimmed, blank lines dropped. Commas stay (globs and regular expressions use them). */
export const lines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

export type PolicyFields = { tag: string; description: string; checks: unknown[] };

/** The action's input from a draft, or the field errors that keep it from being sent. */
export function policyInputOf(d: PolicyDraft): { ok: true; input: PolicyFields } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const whole = (key: string, text: string) => {
    const n = Number(text);
    if (text.trim() && Number.isInteger(n)) return n;
    errors[key] = ["Enter a whole number."];
    return undefined;
  };
  const checks = d.checks.map((c, i) => {
    const at = (field: string) => `checks.${i}.${field}`;
    switch (c.kind) {
      case "secrets":
        return { kind: c.kind, on: c.on, action: c.action };
      case "path_allowlist":
        if (!lines(c.paths).length) errors[at("paths")] = ["List at least one path, e.g. src/**."];
        return { kind: c.kind, paths: lines(c.paths), action: c.action };
      case "patch_size":
        return { kind: c.kind, maxLines: whole(at("maxLines"), c.maxLines), maxFiles: whole(at("maxFiles"), c.maxFiles), action: c.action };
      case "json_schema": {
        const parsed = parseJsonText(c.schema, "object", null);
        if (!parsed.ok) errors[at("schema")] = [parsed.message];
        else if (parsed.value === null) errors[at("schema")] = ["Enter the JSON Schema the output must match."];
        return { kind: c.kind, schema: parsed.ok ? parsed.value : null, action: c.action };
      }
      case "regex_deny":
        if (!lines(c.patterns).length) errors[at("patterns")] = ["List at least one pattern."];
        return { kind: c.kind, patterns: lines(c.patterns), on: c.on, action: c.action };
      case "needs_approval":
        return { kind: c.kind, reason: c.reason.trim() };
    }
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { tag: d.tag.trim(), description: d.description, checks } };
}
