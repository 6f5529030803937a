import { AppError, errorStatus } from "./errors";
import { log } from "./log";

/**
 * The REST error body: `{ error: { code, message, fields? } }` with the code's status. Anything that
 * is not a domain error is a 500 saying nothing of its cause; the cause goes to the log, with `context`
 * (the request id) so the line can be found from the response's `x-request-id`.
 */
export function errorResponse(err: unknown, context: { requestId?: string; userId?: string } = {}): Response {
  if (err instanceof AppError) {
    return Response.json(
      { error: { code: err.code, message: err.message, ...(err.fieldErrors ? { fields: err.fieldErrors } : {}) } },
      { status: errorStatus(err.code) },
    );
  }
  log.error({ err, ...context }, "unexpected error in an API request");
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
