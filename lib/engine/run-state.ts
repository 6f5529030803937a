/**
 * The vocabulary of a durable run: the states of a run and of each of its tasks, and what the pure
 * planner (`plan.ts`) and the template renderer (`render.ts`) are told about them. No I/O here.
 */

export const RUN_STATUSES = ["pending", "running", "paused", "waiting_approval", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** States a run never leaves. */
export const FINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>(["completed", "failed", "cancelled"]);

export const TASK_STATUSES = ["pending", "queued", "running", "waiting", "completed", "failed", "skipped", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** States a task never leaves within its run. */
export const FINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>(["completed", "failed", "skipped", "cancelled"]);

/** What the planner needs to know of one task: where it stands and, once completed, what it produced. */
export type TaskSnapshot = { status: TaskStatus; output: unknown };

/** The work item a run belongs to, as templates see it (`{{item.title}}`, `{{item.data.ref}}`). */
export type ItemScope = {
  id: string;
  title: string;
  description: string;
  priority: string;
  assignee: string | null;
  stage: string;
  data: Record<string, unknown>;
};

/** What a whole run sees besides task outputs: its input, and its work item when it has one. */
export type RunScope = { runInput: unknown; item: ItemScope | null };
