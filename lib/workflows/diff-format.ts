import type { Condition, ExecutorKind, Loop, RetryPolicy } from "@/lib/engine/graph-schema";
import type { StageKind } from "./definition";

/**
 * Human-readable renderings of definition values, for the version diff (and any page that shows a
 * setting as text). Pure; no React.
 */

/** Values longer than this are cut with "…" so a diff row stays one glance long. */
export const MAX_VALUE_CHARS = 120;
const NONE = "none";

const STAGE_TYPE_LABELS: Record<StageKind, string> = { HUMAN: "Human", AUTOMATION: "Automation", AGENT_ASSIST: "Agent assist" };
const EXECUTOR_LABELS: Record<ExecutorKind, string> = {
  agent: "Agent",
  approval: "Approval",
  human: "Human task",
  http: "HTTP request",
  transform: "Transform",
  delay: "Delay",
};

/** A stage type as people read it ("Agent assist"). */
export function stageTypeLabel(type: StageKind): string {
  return STAGE_TYPE_LABELS[type];
}

/** An executor kind as people read it ("HTTP request"). */
export function executorLabel(kind: ExecutorKind): string {
  return EXECUTOR_LABELS[kind];
}

/** JSON with object keys sorted, so two values that differ only in key order compare (and read) the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? NONE;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])]),
    );
  }
  return value;
}

/** A duration in the largest unit that reads naturally: "500 ms", "1 s", "1.5 min", "2 h", "3 d". */
export function formatDuration(ms: number): string {
  const units: [string, number][] = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["min", 60_000],
    ["s", 1_000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size) return `${Number((ms / size).toFixed(2))} ${unit}`;
  }
  return `${ms} ms`;
}

/** A retry policy in words: "3 attempts, exponential from 1 s". */
export function formatRetry(r: RetryPolicy): string {
  if (r.maxAttempts === 1) return "1 attempt (no retry)";
  const wait = r.backoff === "exponential" ? `exponential from ${formatDuration(r.initialDelayMs)}` : `${formatDuration(r.initialDelayMs)} apart`;
  return `${r.maxAttempts} attempts, ${wait}`;
}

/** A condition as written in the designer: `{{previous_output.ok}} equals true`; no condition reads "always". */
export function formatCondition(c: Condition | null | undefined): string {
  if (!c) return "always";
  const op = c.op.replace(/_/g, " ");
  return c.value === undefined ? `${c.left} ${op}` : `${c.left} ${op} ${canonicalJson(c.value)}`;
}

/** A loop in words: "until {{x}} equals true, at most 5 times"; no loop reads "none". */
export function formatLoop(l: Loop | null): string {
  if (!l) return NONE;
  return `until ${formatCondition(l.until)}, at most ${l.maxIterations} ${l.maxIterations === 1 ? "time" : "times"}`;
}

/** Any setting value as one line of text: "none" for nothing, on/off for booleans, JSON for objects. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return NONE;
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "string") return value.replace(/\s+/g, " ").trim() || NONE;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.length ? value.join(", ") : NONE;
  return canonicalJson(value);
}

/**
 * Shortens a before/after pair to about MAX_VALUE_CHARS each. When both are long, the window starts just
 * before the first character that differs, so two long prompts that differ near the end do not both read
 * as the same "…".
 */
export function shortenPair(before: string, after: string): [string, string] {
  if (before.length <= MAX_VALUE_CHARS && after.length <= MAX_VALUE_CHARS) return [before, after];
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  const start = p > 40 ? p - 30 : 0;
  return [window(before, start), window(after, start)];
}

function window(s: string, start: number): string {
  const from = Math.min(start, Math.max(0, s.length - MAX_VALUE_CHARS));
  const head = from > 0 ? "…" : "";
  const body = s.slice(from, from + MAX_VALUE_CHARS);
  return `${head}${body}${from + MAX_VALUE_CHARS < s.length ? "…" : ""}`;
}
