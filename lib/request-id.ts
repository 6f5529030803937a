/**
 * Request ids: every request gets one in the proxy (proxy.ts), which hands it on to pages, actions and
 * route handlers as the `x-request-id` request header and echoes it in the response. The actor carries
 * it (Actor.requestId), so audit rows and log lines of one request share it.
 */

export const REQUEST_ID_HEADER = "x-request-id";

// A sane token from a load balancer or a caller: letters, digits, `.`, `_`, `-`; 8 to 128 of them.
// Anything else (empty, long, spaces, quotes, newlines that would forge log lines) is replaced.
const SANE = /^[A-Za-z0-9._-]{8,128}$/;

/** The incoming id when it is a sane token, else a new random UUID. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && SANE.test(incoming) ? incoming : crypto.randomUUID();
}
