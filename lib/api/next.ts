import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import type { ApiContext } from "./core";

/** The REST context of the current request: its headers, the database and the cookie session. */
export async function apiContext(req: Request): Promise<ApiContext> {
  const h = await headers();
  return {
    db: await getDb(),
    authorization: h.get("authorization"),
    origin: h.get("origin"),
    host: h.get("x-forwarded-host") ?? h.get("host"),
    method: req.method,
    path: new URL(req.url).pathname,
    requestId: h.get("x-request-id") ?? undefined,
    sessionActor: getActor,
  };
}
