import type { Instrumentation } from "next";

/** Runs once when the server starts: opens the database, migrates, seeds a fresh install. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./db/boot");
  await boot();
}

/**
 * Errors that escaped a page render, a route handler or an action (the REST and action wrappers catch
 * their own): one JSON line with the request id the proxy gave the request. Next prints them too.
 */
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./lib/log");
  const id = request.headers["x-request-id"];
  log.error(
    {
      err,
      requestId: Array.isArray(id) ? id[0] : id,
      method: request.method,
      // The query string may carry values nobody should log.
      path: request.path.split("?")[0],
      routePath: context.routePath,
      routeType: context.routeType,
    },
    "unhandled error in a request",
  );
};
