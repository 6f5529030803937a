import type { z } from "zod";
import type { Db } from "@/db/client";
import { sameOrigin } from "@/lib/auth/action-core";
import type { Actor } from "@/lib/auth/actor";
import { actorFromBearer } from "@/lib/auth/tokens";
import { Forbidden, Invalid, Unauthorized } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { log } from "@/lib/log";
import { parseInput } from "@/lib/validation";

/** What a REST handler needs from its request, free of Next.js so tests can build it. */
export type ApiContext = {
  db: Db;
  /** The raw `Authorization` header. */
  authorization: string | null;
  origin: string | null;
  host: string | null;
  method: string;
  /** The URL's path, without the query string (which may carry values nobody should log). */
  path?: string;
  requestId?: string;
  /** The cookie session's actor; only asked for when no Authorization header was sent. */
  sessionActor: () => Promise<Actor | null>;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const MAX_BODY_CHARS = 256 * 1024;

/**
 * Who is calling: an `Authorization: Bearer` token when the header is present (and then only that,
 * so a bad token never falls back to a cookie), else the session cookie. A cookie is sent by the
 * browser on its own, so cookie writes must come from this site's pages (same Origin).
 */
async function authenticate(ctx: ApiContext): Promise<Actor> {
  if (ctx.authorization?.trim()) {
    if (!/^Bearer\s/i.test(ctx.authorization)) throw new Unauthorized("Send an API token as `Authorization: Bearer tdm_…`.");
    const actor = await actorFromBearer(ctx.db, ctx.authorization, ctx.requestId);
    if (!actor) throw new Unauthorized("That API token is not valid: it is unknown, expired or revoked. Create a new one in Settings.");
    return actor;
  }
  const actor = await ctx.sessionActor();
  if (!actor) throw new Unauthorized();
  if (!SAFE_METHODS.has(ctx.method.toUpperCase()) && !sameOrigin(ctx.origin, ctx.host)) {
    throw new Forbidden("This request did not come from this site. Programs should send an API token instead of a cookie.");
  }
  return actor;
}

/**
 * The REST pipeline, testable without Next.js: authenticate (bearer token first, else the session
 * cookie), run the handler, and answer every failure with the JSON error body and its status. Logs one
 * line per request (method, path, status, duration until the response is ready, request id, user id);
 * for a stream that is the time to open it.
 */
export async function handleApi(ctx: ApiContext, fn: (actor: Actor, db: Db) => Promise<Response>): Promise<Response> {
  const started = performance.now();
  let actor: Actor | undefined;
  let res: Response;
  try {
    actor = await authenticate(ctx);
    res = await fn(actor, ctx.db);
  } catch (err) {
    res = errorResponse(err, { requestId: ctx.requestId, userId: actor?.userId });
    if (res.status === 401) res.headers.set("WWW-Authenticate", 'Bearer realm="tandem"');
  }
  log.info(
    {
      requestId: ctx.requestId,
      method: ctx.method.toUpperCase(),
      path: ctx.path,
      status: res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: actor?.userId,
    },
    "api request",
  );
  return res;
}

const sizeInWords = (chars: number) => (chars % (1024 * 1024) === 0 ? `${chars / 1024 / 1024} MB` : `${Math.round(chars / 1024)} KB`);

/** The request body as text; past `maxChars` (256 KB unless a route allows more) it is Invalid. */
export async function readText(req: Request, maxChars = MAX_BODY_CHARS): Promise<string> {
  const text = await req.text();
  if (text.length > maxChars) throw new Invalid(`The request body is too large: keep it under ${sizeInWords(maxChars)}.`);
  return text;
}

/** The request body as JSON; an empty, oversized or malformed body is Invalid with a clear message. */
export async function readJson(req: Request, maxChars = MAX_BODY_CHARS): Promise<unknown> {
  const text = await readText(req, maxChars);
  if (text.trim() === "") throw new Invalid("The request body is empty: send a JSON object.", { _: ["Send a JSON object."] });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Invalid(`The request body is not valid JSON: ${(err as Error).message}`, { _: ["Not valid JSON."] });
  }
}

/** Reads and validates a JSON body with a zod schema (Invalid with field errors otherwise). */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S, maxChars?: number): Promise<z.infer<S>> {
  return parseInput(schema, await readJson(req, maxChars));
}

/** Validates the query string with a zod schema; a repeated parameter keeps its last value. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return parseInput(schema, Object.fromEntries(new URL(req.url).searchParams));
}
