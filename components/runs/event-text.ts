import { RUN_STATUSES, type RunStatus } from "@/lib/engine/run-state";
import { formatRunDuration, runLook } from "./status-look";

/** One entry of a run's story as the page holds it (from the page load or the live stream). */
export type RunEventEntry = { seq: number; type: string; taskKey: string | null; payload: Record<string, unknown>; at: string };

/** The event types the run stream sends (an EventSource hears only the named events it listens to). */
export const RUN_EVENT_TYPES = [
  "run.created",
  "run.started",
  "run.status",
  "run.paused",
  "run.resumed",
  "run.retried",
  "run.completed",
  "run.failed",
  "run.cancelled",
  "task.started",
  "task.waiting",
  "task.completed",
  "task.failed",
  "task.retrying",
  "task.iteration",
  "task.skipped",
  "task.cancelled",
  "task.recovered",
  "task.submitted",
  "approval.approved",
  "approval.rejected",
  "agent.approved",
  "agent.denied",
  "item.moved",
  "item.not_moved",
] as const;

const str = (v: unknown) => (typeof v === "string" && v ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const by = (p: Record<string, unknown>) => (str(p.by) ? ` by ${p.by}` : "");
const why = (text: string | null) => (text ? `: ${text}` : "");

const WAITS: Record<string, string> = { approval: "an approval", human: "a person’s output", delay: "its delay" };

/** What a decision on an agent call let through or stopped, from the event's payload: “call of “deploy””. */
function gateText(p: Record<string, unknown>): string {
  if (str(p.tool)) return `call of “${p.tool}”`;
  if (p.gate === "budget") return "going over budget";
  return "agent call";
}

/** A waiting task's line: an agent waits on a gate (its reason says what for), other tasks on a person or a delay. */
function waitText(task: string, p: Record<string, unknown>): string {
  if (p.for !== "agent") return `${task} waits for ${WAITS[String(p.for)] ?? String(p.for ?? "something")}`;
  // The gate's reason is a sentence naming the tool or the budget; repeating it in our words would say it twice.
  if (str(p.reason)) return `${task} waits for a decision: ${p.reason}`;
  const what = str(p.tool) ? `to call “${p.tool}”` : p.gate === "budget" ? "to go over its budget" : "to go on";
  return `${task} waits for approval ${what}`;
}

/**
 * An event in one line of plain English: “review failed (attempt 2): timeout”. `name` turns a task
 * key into the task's name where the graph knows it.
 */
export function describeEvent(e: RunEventEntry, name: (taskKey: string) => string = (k) => k): string {
  const p = e.payload ?? {};
  const task = e.taskKey ? name(e.taskKey) : "A task";
  const attempt = num(p.attempt) !== null && num(p.attempt)! > 1 ? ` (attempt ${p.attempt})` : "";
  switch (e.type) {
    case "run.created":
      return `Run created${num(p.definitionVersion) !== null ? ` at version ${p.definitionVersion}` : ""}`;
    case "run.started":
      return "Run started";
    case "run.status":
      return (RUN_STATUSES as readonly unknown[]).includes(p.status) ? `Run is ${runLook(p.status as RunStatus).label.toLowerCase()}` : "Run status changed";
    case "run.paused":
      return `Paused${by(p)}`;
    case "run.resumed":
      return `Resumed${by(p)}`;
    case "run.retried":
      return `Retried from ${task}${by(p)}`;
    case "run.completed":
      return "Run completed";
    case "run.failed":
      return `Run failed${why(str(p.error))}`;
    case "run.cancelled":
      return `Run cancelled${why(str(p.reason))}`;
    case "task.started":
      return `${task} started${attempt}`;
    case "task.waiting":
      return waitText(task, p);
    case "task.completed":
      return `${task} completed${num(p.durationMs) !== null ? ` in ${formatRunDuration(num(p.durationMs))}` : ""}`;
    case "task.failed":
      return `${task} failed${attempt}${why(str(p.error))}`;
    case "task.retrying":
      return `${task} will retry${num(p.delayMs) !== null ? ` in ${formatRunDuration(num(p.delayMs))}` : ""}${why(str(p.error))}`;
    case "task.iteration":
      return `${task} repeats (iteration ${num(p.iteration) ?? "?"})`;
    case "task.skipped":
      return `${task} skipped`;
    case "task.cancelled":
      return `${task} cancelled${why(str(p.reason))}`;
    case "task.recovered":
      return `${task} queued again${why(str(p.reason))}`;
    case "task.submitted":
      return `${task} output submitted${by(p)}`;
    case "approval.approved":
      return `${task} approved${by(p)}${str(p.comment) ? ` — “${p.comment}”` : ""}`;
    case "approval.rejected":
      return `${task} rejected${by(p)}${str(p.comment) ? ` — “${p.comment}”` : ""}`;
    case "agent.approved":
      return `${task}: ${gateText(p)} approved${by(p)}${str(p.comment) ? ` — “${p.comment}”` : ""}`;
    case "agent.denied":
      return `${task}: ${gateText(p)} denied${by(p)}${str(p.comment) ? ` — “${p.comment}”` : ""}`;
    case "item.moved":
      return `Item moved to ${str(p.toName) ?? "the next stage"}`;
    case "item.not_moved":
      return `Item stayed${why(str(p.reason))}`;
    default:
      return e.taskKey ? `${e.type} (${task})` : e.type;
  }
}

/** Merges events by seq (a later copy of the same seq wins), oldest first, keeping the newest `max`. */
export function mergeEvents(a: readonly RunEventEntry[], b: readonly RunEventEntry[], max = 500): RunEventEntry[] {
  const bySeq = new Map<number, RunEventEntry>();
  for (const e of a) bySeq.set(e.seq, e);
  for (const e of b) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq).slice(-max);
}

/** The tone of an event's dot in the log. */
export function eventTone(type: string): "rose" | "emerald" | "amber" | "slate" | "sky" {
  if (type.endsWith(".failed") || type === "approval.rejected" || type === "agent.denied" || type === "item.not_moved") return "rose";
  if (type.endsWith(".completed") || type === "approval.approved" || type === "agent.approved" || type === "item.moved") return "emerald";
  if (type === "task.waiting" || type === "run.paused" || type === "task.retrying") return "amber";
  if (type.endsWith(".started") || type === "run.resumed" || type === "run.retried") return "sky";
  return "slate";
}
