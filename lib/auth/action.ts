import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import type { Actor } from "./actor";
import { type ActionResult, runAction } from "./action-core";
import { getActor } from "./session";

export type { ActionResult } from "./action-core";

/**
 * Wraps a domain call as a server action: `(input)` for direct calls, `(prevState, formData)` for
 * `useActionState`. The handler gets the authenticated actor and the parsed input.
 */
export function defineAction<S extends z.ZodType, T>(schema: S, handler: (actor: Actor, data: z.infer<S>) => Promise<T>) {
  return async (...args: [unknown] | [unknown, FormData]): Promise<ActionResult<T>> => {
    const input = args.length === 2 ? args[1] : args[0];
    const h = await headers();
    const host = h.get("x-forwarded-host") ?? h.get("host");
    const requestId = h.get("x-request-id") ?? undefined;
    return runAction({ actor: await getActor(), origin: h.get("origin"), host, requestId }, schema, input, handler);
  };
}
