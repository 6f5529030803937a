import type { Tone } from "@/components/ui/badge";
import { FINAL_RUN_STATUSES, type RunStatus, type TaskStatus } from "@/lib/engine/run-state";

/** How run and task states look everywhere (run page, item page, board card, run lists): one place. */

export type StatusIconKind = "pending" | "queued" | "running" | "approval" | "human" | "delay" | "paused" | "completed" | "failed" | "skipped" | "cancelled";
export type WaitingFor = "approval" | "human" | "delay" | "agent" | null;

export type RunLook = { label: string; tone: Tone; icon: StatusIconKind; active: boolean };

const RUN_LOOK: Record<RunStatus, Omit<RunLook, "active">> = {
  pending: { label: "Pending", tone: "slate", icon: "queued" },
  running: { label: "Running", tone: "sky", icon: "running" },
  paused: { label: "Paused", tone: "violet", icon: "paused" },
  waiting_approval: { label: "Waiting for approval", tone: "amber", icon: "approval" },
  completed: { label: "Completed", tone: "emerald", icon: "completed" },
  failed: { label: "Failed", tone: "rose", icon: "failed" },
  cancelled: { label: "Cancelled", tone: "slate", icon: "cancelled" },
};

/** A run status's label, badge tone and icon; `active` while the run can still change by itself or by a decision. */
export function runLook(status: RunStatus): RunLook {
  return { ...RUN_LOOK[status], active: isActiveRun(status) };
}

/** True for a run that has not finished (pending, running, paused, waiting for approval). */
export function isActiveRun(status: RunStatus): boolean {
  return !FINAL_RUN_STATUSES.has(status);
}

export type TaskLook = {
  label: string;
  tone: Tone;
  icon: StatusIconKind;
  /** Classes of the node's frame: colour, and a dashed border for tasks that did not run. */
  frame: string;
  /** Classes of the status icon's chip. */
  chip: string;
  /** Running tasks pulse, so a glance finds the work in progress. */
  animated: boolean;
};

const WAITING: Record<Exclude<WaitingFor, null>, { label: string; icon: StatusIconKind }> = {
  approval: { label: "Waiting for approval", icon: "approval" },
  human: { label: "Waiting for a person", icon: "human" },
  delay: { label: "Waiting (delay)", icon: "delay" },
  agent: { label: "Agent waits for approval", icon: "approval" },
};

const TASK_LOOK: Record<TaskStatus, TaskLook> = {
  pending: { label: "Pending", tone: "slate", icon: "pending", frame: "border-slate-300 bg-white", chip: "bg-slate-100 text-slate-500", animated: false },
  queued: { label: "Queued", tone: "indigo", icon: "queued", frame: "border-indigo-300 bg-indigo-50/40", chip: "bg-indigo-100 text-indigo-600", animated: false },
  running: { label: "Running", tone: "sky", icon: "running", frame: "border-sky-400 bg-sky-50", chip: "bg-sky-100 text-sky-700", animated: true },
  waiting: { label: "Waiting", tone: "amber", icon: "delay", frame: "border-amber-400 bg-amber-50", chip: "bg-amber-100 text-amber-700", animated: false },
  completed: { label: "Completed", tone: "emerald", icon: "completed", frame: "border-emerald-400 bg-emerald-50", chip: "bg-emerald-100 text-emerald-700", animated: false },
  failed: { label: "Failed", tone: "rose", icon: "failed", frame: "border-rose-400 bg-rose-50", chip: "bg-rose-100 text-rose-700", animated: false },
  skipped: { label: "Skipped", tone: "slate", icon: "skipped", frame: "border-dashed border-slate-300 bg-slate-50 opacity-70", chip: "bg-slate-100 text-slate-400", animated: false },
  cancelled: { label: "Cancelled", tone: "slate", icon: "cancelled", frame: "border-slate-400 bg-slate-100", chip: "bg-slate-200 text-slate-600", animated: false },
};

/** A task status's label, tone, icon and node frame; a waiting task says what it waits for. */
export function taskLook(status: TaskStatus, waitingFor: WaitingFor = null): TaskLook {
  const look = TASK_LOOK[status];
  if (status !== "waiting" || !waitingFor) return look;
  return { ...look, ...WAITING[waitingFor] };
}

export type CardRunLook = { label: string; tone: Tone; icon: StatusIconKind; kind: "running" | "waiting" | "failed" };

/**
 * What a board card shows of its latest run in the current stage: running, waiting or failed; nothing
 * for a finished run that needs no one (completed, cancelled).
 */
export function cardRunLook(status: RunStatus): CardRunLook | null {
  switch (status) {
    case "pending":
    case "running":
      return { label: status === "pending" ? "Run queued" : "Run in progress", tone: "sky", icon: status === "pending" ? "queued" : "running", kind: "running" };
    case "waiting_approval":
      return { label: "Run waits for approval", tone: "amber", icon: "approval", kind: "waiting" };
    case "paused":
      return { label: "Run paused", tone: "violet", icon: "paused", kind: "waiting" };
    case "failed":
      return { label: "Run failed", tone: "rose", icon: "failed", kind: "failed" };
    default:
      return null;
  }
}

/** A task or run duration for people: 850 ms, 12.4 s, 3 min 5 s, 2 h 10 min. */
export function formatRunDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.floor(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) {
    const s = Math.floor((ms % 60_000) / 1000);
    return s ? `${minutes} min ${s} s` : `${minutes} min`;
  }
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

const ORIGIN_LABEL: Record<string, string> = { stage: "Item entered the stage", api: "Started through the API", trigger: "Started by a trigger" };

/** Why a run exists, in words. */
export function originLabel(origin: string): string {
  return ORIGIN_LABEL[origin] ?? origin;
}
