/** Typed domain errors; both faces (server actions, REST) map them through `errorStatus`. */
export type ErrorCode = "unauthorized" | "forbidden" | "not_found" | "invalid" | "conflict" | "rate_limited";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class NotFound extends AppError {
  constructor(what = "The page") {
    super("not_found", `${what} was not found.`);
  }
}

export class Forbidden extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super("forbidden", message);
  }
}

export class Unauthorized extends AppError {
  constructor(message = "Sign in to continue.") {
    super("unauthorized", message);
  }
}

export class Invalid extends AppError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super("invalid", message, fieldErrors);
  }
}

export class Conflict extends AppError {
  constructor(message: string) {
    super("conflict", message);
  }
}

export class RateLimited extends AppError {
  constructor(message: string) {
    super("rate_limited", message);
  }
}

const statusByCode: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
};

/** The HTTP status for an error code: the one place where codes meet HTTP. */
export function errorStatus(code: ErrorCode): number {
  return statusByCode[code];
}

/** Whether a database error is a unique-constraint violation (postgres.js and PGlite report it directly or as a cause). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}
