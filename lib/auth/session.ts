import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { type Actor, loadActor } from "./actor";
import { auth } from "./next-auth";

/** The id the proxy gave this request, for audit rows and logs. */
export async function requestId(): Promise<string | undefined> {
  return (await headers()).get("x-request-id") ?? undefined;
}

/**
 * The signed-in actor for this request, or null: the one helper for server components, route
 * handlers and server actions. Deactivated users count as signed out. Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadActor(await getDb(), userId, await requestId(), session.sid);
});

/** The actor, or a redirect to /login (back to this page afterwards) for pages. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const path = (await headers()).get("x-tandem-path");
    redirect(path && path !== "/" ? `/login?callbackUrl=${encodeURIComponent(path)}` : "/login");
  }
  return actor;
}
