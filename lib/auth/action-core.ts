import type { z } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";
import { parseInput } from "@/lib/validation";
import type { Actor } from "./actor";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "internal"; message: string; fieldErrors?: Record<string, string[]> };

export type ActionContext = { actor: Actor | null; origin: string | null; host: string | null; requestId?: string };

/** FormData to a plain object (last value wins), dropping React's internal `$ACTION_` fields. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) if (!k.startsWith("$ACTION_")) out[k] = v;
  return out;
}

/** True when the request's Origin names this host. A missing Origin is refused, too. */
export function sameOrigin(origin: string | null, host: string | null): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The server-action pipeline, free of Next.js so it can be tested: authenticate, check Origin,
 * parse with zod, run, and turn every failure into a typed result (never a stack trace). An unexpected
 * failure is logged with the request id; expected ones (domain errors) are answers, not incidents.
 */
export async function runAction<S extends z.ZodType, T>(
  ctx: ActionContext,
  schema: S,
  input: unknown,
  handler: (actor: Actor, data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    if (!ctx.actor) return { ok: false, code: "unauthorized", message: "Sign in to continue." };
    if (!sameOrigin(ctx.origin, ctx.host)) {
      return { ok: false, code: "forbidden", message: "This request did not come from this site." };
    }
    const raw = input instanceof FormData ? formToObject(input) : input;
    const data = parseInput(schema, raw);
    return { ok: true, data: await handler(ctx.actor, data) };
  } catch (err) {
    if (err instanceof AppError) {
      return { ok: false, code: err.code, message: err.message, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) };
    }
    log.error({ err, requestId: ctx.requestId ?? ctx.actor?.requestId, userId: ctx.actor?.userId }, "unexpected error in a server action");
    return { ok: false, code: "internal", message: "Something went wrong on our side. Nothing was changed; try again." };
  }
}
