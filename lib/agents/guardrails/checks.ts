import type { GuardrailCheck, GuardrailResult } from "@/lib/agents/catalog/schemas";
import { schemaErrors } from "@/lib/engine/runtime/json-check";
import { credentialKinds } from "./credentials";
import { patchFiles, patchesIn, pathsOutside } from "./patches";
import { listInWords, textOf } from "./text";

/**
 * The guardrail checks run around every agent call: before it over the input, after it over the output.
 * Pure: the caller brings the policies' checks (tagged with the policy that brought them in) and the
 * owner's secret values, and stores the results. Every applicable check yields a result, `pass`
 * included, so the stored results show which checks ran. Reasons never quote what was found.
 */

export type TaggedCheck = { tag: string; check: GuardrailCheck };

export type GuardrailSubject = {
  input: unknown;
  output?: unknown;
  /** Plain values of the workflow owner's stored secrets, detected as written or JSON-escaped. */
  secretValues: string[];
};

type Phase = GuardrailResult["phase"];
type Verdict = GuardrailResult["verdict"];

// regex_deny patterns are people's and may backtrack catastrophically (`(a+)+$`); capping the text each
// side scans at 200,000 characters bounds that cheaply. It bounds the cost; it does not remove it.
const MAX_DENY_SCAN = 200_000;
const MAX_LISTED_PATHS = 5;
const MAX_LISTED_ERRORS = 3;
const NO_PATCH = "No patch in the output.";

const sideOf = (phase: Phase) => (phase === "input" ? "the input" : "the output");
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function secrets(value: unknown, secretValues: string[], action: Verdict, phase: Phase): [Verdict, string] {
  const kinds = credentialKinds(textOf(value), secretValues);
  if (!kinds.length) return ["pass", `No credentials or stored secret values in ${sideOf(phase)}.`];
  return [action, `${capitalize(sideOf(phase))} contains ${listInWords(kinds)}.`];
}

/** Each pattern compiled case-insensitively, or null where it is not a valid regular expression. */
function compile(patterns: string[]): (RegExp | null)[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, "i");
    } catch {
      return null;
    }
  });
}

/** The patterns (as given) that are not valid JavaScript regular expressions, so a save can refuse them. */
export function invalidPatterns(patterns: string[]): string[] {
  const compiled = compile(patterns);
  return patterns.filter((_, i) => compiled[i] === null);
}

const numbered = (ns: number[]) => `${ns.length === 1 ? "pattern" : "patterns"} ${listInWords(ns.map(String))}`;

function regexDeny(value: unknown, patterns: string[], action: Verdict, phase: Phase): [Verdict, string] {
  const text = textOf(value, MAX_DENY_SCAN);
  const compiled = compile(patterns);
  // Patterns are numbered from 1, as a person counts them in the policy form.
  const invalid = compiled.flatMap((re, i) => (re ? [] : [i + 1]));
  const matched = compiled.flatMap((re, i) => (re?.test(text) ? [i + 1] : []));
  const problems: string[] = [];
  if (invalid.length) problems.push(`${numbered(invalid)} ${invalid.length === 1 ? "is not a valid regular expression" : "are not valid regular expressions"}`);
  if (matched.length) problems.push(`${numbered(matched)} matched ${sideOf(phase)}`);
  if (!problems.length) return ["pass", `No denied pattern matches ${sideOf(phase)}.`];
  return [action, `${capitalize(problems.join(", and "))}.`];
}

function pathAllowlist(output: unknown, globs: string[], action: Verdict): [Verdict, string] {
  const patches = patchesIn(output);
  const files = patchFiles(patches);
  if (!files.length) return ["pass", NO_PATCH];
  const outside = pathsOutside(patches, globs);
  if (!outside.length) return ["pass", `Every path the patch touches is allowed (${files.length} ${files.length === 1 ? "file" : "files"}).`];
  const shown = outside.slice(0, MAX_LISTED_PATHS).map((p) => `“${p}”`);
  const more = outside.length > MAX_LISTED_PATHS ? ` and ${outside.length - MAX_LISTED_PATHS} more` : "";
  return [action, `The patch touches ${outside.length === 1 ? "a path" : "paths"} outside the allow-list: ${shown.join(", ")}${more}.`];
}

function patchSize(output: unknown, maxLines: number, maxFiles: number, action: Verdict): [Verdict, string] {
  const files = patchFiles(patchesIn(output));
  if (!files.length) return ["pass", NO_PATCH];
  const lines = files.reduce((n, f) => n + f.additions + f.deletions, 0);
  const fileCount = new Set(files.map((f) => f.path)).size;
  const over = lines > maxLines || fileCount > maxFiles;
  const counts = `${lines} ${lines === 1 ? "line" : "lines"} in ${fileCount} ${fileCount === 1 ? "file" : "files"}`;
  return [over ? action : "pass", `The patch changes ${counts}; the limit is ${maxLines} lines and ${maxFiles} files.`];
}

function jsonSchema(output: unknown, schema: Record<string, unknown>, action: Verdict): [Verdict, string] {
  let errors: string[];
  try {
    errors = schemaErrors(schema, output === undefined ? null : output);
  } catch {
    // ajv throws on a schema it cannot compile; the check cannot vouch for the output then.
    return [action, "The check's JSON Schema is not valid, so the output could not be checked."];
  }
  if (!errors.length) return ["pass", "The output matches the JSON Schema."];
  const more = errors.length > MAX_LISTED_ERRORS ? ` (and ${errors.length - MAX_LISTED_ERRORS} more)` : "";
  return [action, `The output does not match the JSON Schema: ${errors.slice(0, MAX_LISTED_ERRORS).join(", ")}${more}.`];
}

const onSide = (on: "input" | "output" | "both", phase: Phase) => on === "both" || on === phase;

function run({ tag, check }: TaggedCheck, subject: GuardrailSubject, phase: Phase): GuardrailResult | null {
  const value = phase === "input" ? subject.input : subject.output;
  let outcome: [Verdict, string] | null = null;
  switch (check.kind) {
    case "secrets":
      if (onSide(check.on, phase)) outcome = secrets(value, subject.secretValues, check.action, phase);
      break;
    case "regex_deny":
      if (onSide(check.on, phase)) outcome = regexDeny(value, check.patterns, check.action, phase);
      break;
    case "path_allowlist":
      if (phase === "output") outcome = pathAllowlist(value, check.paths, check.action);
      break;
    case "patch_size":
      if (phase === "output") outcome = patchSize(value, check.maxLines, check.maxFiles, check.action);
      break;
    case "json_schema":
      if (phase === "output") outcome = jsonSchema(value, check.schema, check.action);
      break;
    case "needs_approval":
      break; // Decided before the call by approvalRequired(), not by looking at text.
  }
  return outcome && { tag, kind: check.kind, phase, verdict: outcome[0], reason: outcome[1] };
}

/** Runs the input-side checks (secrets and regex_deny on input or both) over the call's input; one result each. */
export function checkInput(checks: TaggedCheck[], subject: GuardrailSubject): GuardrailResult[] {
  return checks.flatMap((c) => run(c, subject, "input") ?? []);
}

/** Runs the output-side checks (secrets, path_allowlist, patch_size, json_schema, regex_deny) over the output; one result each. */
export function checkOutput(checks: TaggedCheck[], subject: GuardrailSubject): GuardrailResult[] {
  return checks.flatMap((c) => run(c, subject, "output") ?? []);
}

/** The first needs_approval check, with the reason a person is shown; null when no policy asks for one. */
export function approvalRequired(checks: TaggedCheck[]): { tag: string; reason: string } | null {
  for (const { tag, check } of checks) {
    if (check.kind === "needs_approval") return { tag, reason: check.reason.trim() || `Policy “${tag}” asks a person to approve each agent call.` };
  }
  return null;
}

const RANK: Record<Verdict, number> = { pass: 0, flag: 1, block: 2 };

/** The most severe verdict among the results (`pass` for none): what the call as a whole gets. */
export function worst(results: GuardrailResult[]): Verdict {
  return results.reduce<Verdict>((w, r) => (RANK[r.verdict] > RANK[w] ? r.verdict : w), "pass");
}

/** A reason sentence, lower-cased and without its full stop, to sit inside a longer sentence ("JSON" stays). */
function clause(reason: string): string {
  const s = reason.trim().replace(/\.$/, "");
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** One sentence saying which guardrails blocked the call and why, for the task's error; null when none did. */
export function blockReason(results: GuardrailResult[]): string | null {
  const blocking = results.filter((r) => r.verdict === "block");
  if (!blocking.length) return null;
  const parts = blocking.map((r, i) => {
    if (i === 0) return `Guardrail “${r.tag}” blocked the call: ${clause(r.reason)}`;
    return r.tag === blocking[i - 1]!.tag ? clause(r.reason) : `guardrail “${r.tag}”: ${clause(r.reason)}`;
  });
  return `${parts.join("; ")}.`;
}
