import { TaskError } from "./types";

/** The request and response bodies of an `http` task: how a JSON config goes out and what comes back. */

/** Fetch's request-body header names: they describe a body, so they go when a 303 drops it. */
const BODY_HEADERS = ["content-type", "content-encoding", "content-language", "content-location"];
/** The response headers a task's output keeps; the rest is transport detail or may carry cookies. */
const KEPT_HEADERS = ["content-type", "content-length", "location", "etag", "retry-after"];

const noRetry = { retryable: false } as const;

/** The headers and body of one request: JSON unless the author sent a string, and an Idempotency-Key on writes. */
export function buildRequest(
  method: string,
  configHeaders: Record<string, string>,
  body: unknown,
  idempotencyKey: string,
  opts: { dropBodyHeaders?: boolean } = {},
): { headers: Headers; body: string | undefined } {
  const headers = new Headers();
  for (const [name, value] of Object.entries(configHeaders)) {
    if (opts.dropBodyHeaders && BODY_HEADERS.includes(name.toLowerCase())) continue;
    try {
      headers.set(name, value);
    } catch {
      // The value may be a credential, so the message names the header only.
      throw new TaskError(
        `The header “${name}” is not valid: names are letters, digits and “-”, and values cannot span lines.`,
        noRetry,
      );
    }
  }
  if (method !== "GET" && !headers.has("idempotency-key")) headers.set("idempotency-key", idempotencyKey);
  if (method === "GET" || method === "DELETE" || body === undefined) return { headers, body: undefined };
  if (typeof body === "string") return { headers, body };
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch (err) {
    throw new TaskError(`The request body cannot be sent as JSON: ${(err as Error).message}.`, noRetry);
  }
  if (json === undefined) return { headers, body: undefined };
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return { headers, body: json };
}

/** The response headers a task's output keeps, with lower-case names. */
export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

function tooLarge(host: string, max: number): TaskError {
  return new TaskError(
    `${host} sent a response larger than ${max} bytes; ask for less, or an administrator can raise ` +
      "TANDEM_HTTP_MAX_RESPONSE_BYTES.",
    noRetry,
  );
}

/**
 * Reads at most `max` bytes of a response body and stops the download past it, so a huge or endless
 * answer costs the worker neither memory nor time. `overflow: "truncate"` keeps the first bytes instead
 * of failing (for error excerpts).
 */
export async function readBody(
  res: Response,
  max: number,
  host: string,
  overflow: "fail" | "truncate" = "fail",
): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? "");
  if (overflow === "fail" && Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge(host, max);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > max) {
      await reader.cancel().catch(() => {});
      if (overflow === "fail") throw tooLarge(host, max);
      chunks.push(value.subarray(0, max - total));
      total = max;
      break;
    }
    chunks.push(value);
    total += value.byteLength;
  }
  return Buffer.concat(chunks, total);
}

function mediaType(contentType: string | null): { essence: string; charset: string } {
  const [essence = "", ...params] = (contentType ?? "").split(";");
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)/i.exec(p)?.[1]).find(Boolean);
  return { essence: essence.trim().toLowerCase(), charset: charset ?? "utf-8" };
}

/** Decodes response bytes as text in the charset the response names (UTF-8 when it names none or an unknown one). */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const { charset } = mediaType(contentType);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder();
  }
  return decoder.decode(bytes);
}

/** Whether a content type is JSON: application/json, text/json or any `…+json` type. */
export function isJsonType(contentType: string | null): boolean {
  const { essence } = mediaType(contentType);
  return essence === "application/json" || essence === "text/json" || essence.endsWith("+json");
}

/** A response body as a task output: parsed JSON for JSON types (an empty one is null), text otherwise. */
export function parseBody(text: string, contentType: string | null, host: string): unknown {
  if (!isJsonType(contentType)) return text;
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TaskError(
      `${host} answered invalid JSON (${(err as Error).message}); it began: “${text.slice(0, 200)}”.`,
      noRetry,
    );
  }
}
