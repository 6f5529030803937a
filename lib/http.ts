import { AppError, errorStatus } from "./errors";

/** The REST error body: `{ error: { code, message, fields? } }` with the code's status. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return Response.json(
      { error: { code: err.code, message: err.message, ...(err.fieldErrors ? { fields: err.fieldErrors } : {}) } },
      { status: errorStatus(err.code) },
    );
  }
  console.error("[api] unexpected error", err);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
