import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";

/**
 * Structured logs: one JSON object per line on stdout, for whatever collects the process's output.
 * No transports and no worker threads (no pino-pretty): a plain synchronous write, the same under
 * `next start`, under `npm run worker` (tsx, outside Next) and in tests. No `server-only` guard for
 * that reason: the worker imports this too, and nothing here belongs in a browser bundle anyway.
 *
 * What goes in a line: ids (requestId, userId, runId, taskRunId, jobId…), methods, paths, statuses,
 * durations, and errors under `err`. Never tokens, passwords, secrets or what a work item says.
 */

export type { Logger } from "pino";

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** The level LOG_LEVEL names; `info` when it is unset or not a level pino knows. */
export function logLevel(value: string | undefined): string {
  const v = value?.trim().toLowerCase();
  return v && LEVELS.has(v) ? v : "info";
}

// A failed drizzle query carries its parameters (item text, hashes, emails) in `params` and at the end
// of its message; a PostgreSQL error's `detail` may quote a whole row. The SQL itself uses placeholders.
const PARAMS_IN_TEXT = /\nparams: [\s\S]*?(?=\n {4}at |$)/g;
const DROPPED_KEYS = ["params", "parameters", "args", "detail"];

/** pino's error serializer (message, stack and causes), without the query values errors may carry. */
export function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  if (!out || typeof out !== "object") return out;
  const e = out as Record<string, unknown>;
  for (const key of DROPPED_KEYS) delete e[key];
  for (const key of ["message", "stack"]) {
    if (typeof e[key] === "string") e[key] = (e[key] as string).replace(PARAMS_IN_TEXT, "\nparams: [redacted]");
  }
  return e;
}

/**
 * A JSON logger at `level` (LOG_LEVEL by default) writing to `destination` (stdout by default; tests
 * pass a stream and read the lines back).
 */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  const options: LoggerOptions = {
    level: logLevel(opts.level ?? process.env.LOG_LEVEL),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names rather than numbers: what people grep for and log stores index.
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError },
    // A second line of defence: these never belong in a log, whoever passes them.
    redact: {
      paths: ["password", "token", "secret", "authorization", "cookie", "*.password", "*.token", "*.secret", "*.authorization", "*.cookie"],
      censor: "[redacted]",
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** The process's logger. Add context per line (`log.info({ requestId }, "…")`) or with `log.child`. */
export const log: Logger = createLogger();
