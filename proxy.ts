import NextAuth from "next-auth";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { baseAuthConfig } from "@/lib/auth/config";
import { authSecret } from "@/lib/auth/secret";

const { auth } = NextAuth(() => ({ ...baseAuthConfig, secret: authSecret() }));

const PUBLIC = [/^\/login$/, /^\/api\/auth\//, /^\/api\/health$/];
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Gives every request an id (kept when a trusted proxy sent a sane one) and sends signed-out
 * visitors of pages to /login. This is only the optimistic check: pages and actions check again.
 */
const handler = auth((req) => {
  const incoming = req.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const path = req.nextUrl.pathname;
  if (!req.auth && !PUBLIC.some((re) => re.test(path)) && !path.startsWith("/api/")) {
    const url = new URL("/login", req.nextUrl.origin);
    if (path !== "/") url.searchParams.set("callbackUrl", path + req.nextUrl.search);
    return NextResponse.redirect(url, { headers: { "x-request-id": requestId } });
  }
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("x-request-id", requestId);
  return res;
}) as unknown as Promise<(req: NextRequest, ev: NextFetchEvent) => Promise<Response>>;

// With a lazily built config, next-auth hands back the wrapped handler as a promise.
export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  return (await handler)(req, ev);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|css|js)$).*)"],
};
