/** The engine's knobs, read from the environment each time (they are configuration, not state). */
export type EngineSettings = {
  /** Runs in progress at once across the instance; more wait as `pending`. */
  maxActiveRuns: number;
  /** How long a claimed task is a worker's before recovery may take it back (renewed while it runs). */
  leaseMs: number;
  /** How often a worker looks for expired leases and lost wake-ups. */
  sweepMs: number;
};

const positive = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
};

/** The settings the environment gives: TANDEM_MAX_ACTIVE_RUNS, TANDEM_TASK_LEASE_MS, TANDEM_SWEEP_MS. */
export function engineSettings(env: NodeJS.ProcessEnv = process.env): EngineSettings {
  return {
    maxActiveRuns: positive(env.TANDEM_MAX_ACTIVE_RUNS, 200),
    leaseMs: positive(env.TANDEM_TASK_LEASE_MS, 60_000),
    sweepMs: positive(env.TANDEM_SWEEP_MS, 5_000),
  };
}
