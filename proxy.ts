import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/request-id";

const PUBLIC = [/^\/login$/, /^\/api\//];
// next-auth's session cookie, plain or `__Secure-` prefixed, possibly split into `.0`, `.1`, … chunks.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Gives every request an id (kept when a trusted proxy sent a sane one) and sends visitors without a
 * session cookie to /login. Only an optimistic check: pages and actions verify the session itself.
 * It deliberately does not re-issue the session cookie, so a request still in flight at sign-out
 * cannot bring the session back.
 */
export function proxy(req: NextRequest) {
  const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  const path = req.nextUrl.pathname;
  const hasSession = req.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  if (!hasSession && !PUBLIC.some((re) => re.test(path))) {
    const url = new URL("/login", req.nextUrl.origin);
    if (path !== "/") url.searchParams.set("callbackUrl", path + req.nextUrl.search);
    return NextResponse.redirect(url, { headers: { [REQUEST_ID_HEADER]: requestId } });
  }
  const headers = new Headers(req.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set("x-tandem-path", path + req.nextUrl.search);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set(REQUEST_ID_HEADER, requestId);
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|css|js)$).*)"],
};
