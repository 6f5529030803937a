/**
 * What every executor receives and may answer. Executors do the work of one task attempt; the runtime
 * owns the state (claims, retries, timeouts) and never trusts an executor to do its bookkeeping.
 */

export type ExecutorContext = {
  runId: string;
  taskRunId: string;
  taskKey: string;
  /** 1 for the first attempt of this iteration, 2 for the first retry, … */
  attempt: number;
  /** 1 for the first pass of a looping task (and for tasks that do not loop). */
  iteration: number;
  /** The task's input with its `{{…}}` references rendered. */
  input: unknown;
  /** Aborted when the task times out or its run is cancelled: stop work and return promptly. */
  signal: AbortSignal;
  /**
   * Stable across every attempt of this task in this run: pass it to other systems so a repeated call
   * (a retry, or a re-run after a crash) is recognised there and not applied twice.
   */
  idempotencyKey: string;
};

/** A failure of one attempt. `retryable: false` fails the task at once, whatever its retry policy. */
export class TaskError extends Error {
  readonly retryable: boolean;
  readonly details?: unknown;
  constructor(message: string, opts: { retryable?: boolean; details?: unknown } = {}) {
    super(message);
    this.name = "TaskError";
    this.retryable = opts.retryable ?? true;
    this.details = opts.details;
  }
}

/**
 * An attempt that cannot go on until a person decides (an agent's tool call, a budget, a guardrail): the
 * task waits as `waiting` for `agent`, and the run shows `waiting_approval`. The decision queues the task
 * again and the executor continues the same call from what it stored.
 */
export class TaskWait {
  readonly reason: string;
  readonly details?: Record<string, unknown>;
  constructor(reason: string, details?: Record<string, unknown>) {
    this.reason = reason;
    this.details = details;
  }
}
