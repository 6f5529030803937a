import { HTTP_METHODS } from "../graph-schema";
import { buildRequest, decodeText, keptHeaders, parseBody, readBody } from "./http-body";
import { type HttpPolicy, checkUrl, redirectTarget } from "./http-policy";
import { type ExecutorContext, TaskError } from "./types";

export { type HttpPolicy, httpPolicyFromEnv } from "./http-policy";

export type HttpTaskConfig = { method: string; url: string; headers: Record<string, string>; body?: unknown };
export type HttpTaskResult = { status: number; headers: Record<string, string>; body: unknown };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** How much of an error response goes into the task's error: enough to read, small enough to store. */
const ERROR_EXCERPT_CHARS = 500;
const ERROR_EXCERPT_BYTES = 4 * ERROR_EXCERPT_CHARS;

/** One outbound request of an `http` task; its config already has references rendered by the runtime. */
export async function runHttp(
  config: HttpTaskConfig,
  ctx: ExecutorContext,
  policy: HttpPolicy,
  timeoutMs?: number,
): Promise<HttpTaskResult> {
  let method = config.method.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    const methods = HTTP_METHODS.join(", ");
    throw new TaskError(`“${config.method}” is not a method an HTTP task can use; use one of ${methods}.`, {
      retryable: false,
    });
  }
  let url = checkUrl(config.url, policy);
  if (ctx.signal.aborted) throw cancelled(url);
  const limitMs = timeoutMs ?? policy.timeoutMs;
  const timeout = AbortSignal.timeout(limitMs);
  const signal = AbortSignal.any([ctx.signal, timeout]);
  let body = config.body;
  let dropBodyHeaders = false;
  try {
    for (let followed = 0; ; followed++) {
      const request = buildRequest(method, config.headers, body, ctx.idempotencyKey, { dropBodyHeaders });
      const res = await fetch(url, { method, ...request, redirect: "manual", signal });
      if (!REDIRECT_STATUSES.has(res.status)) return await answer(res, url, method, policy);
      await res.body?.cancel().catch(() => {});
      if (followed >= policy.maxRedirects) {
        throw new TaskError(`${url.host} redirected more than ${policy.maxRedirects} times; stopped following.`, {
          retryable: false,
        });
      }
      url = redirectTarget(url, res.headers.get("location"), policy);
      if (res.status === 303) {
        method = "GET";
        body = undefined;
        dropBodyHeaders = true;
      }
    }
  } catch (err) {
    // The run's signal first: a cancelled run must not be retried, whatever the request was doing.
    if (ctx.signal.aborted) throw cancelled(url);
    if (err instanceof TaskError) throw err;
    if (timeout.aborted) {
      throw new TaskError(`The request to ${url.host} timed out after ${limitMs} ms.`, { retryable: true });
    }
    throw networkError(err, url);
  }
}

async function answer(res: Response, url: URL, method: string, policy: HttpPolicy): Promise<HttpTaskResult> {
  const headers = keptHeaders(res.headers);
  const contentType = res.headers.get("content-type");
  if (res.status >= 200 && res.status < 300) {
    const bytes = await readBody(res, policy.maxResponseBytes, url.host);
    return { status: res.status, headers, body: parseBody(decodeText(bytes, contentType), contentType, url.host) };
  }
  const bytes = await readBody(res, Math.min(ERROR_EXCERPT_BYTES, policy.maxResponseBytes), url.host, "truncate");
  const excerpt = decodeText(bytes, contentType).slice(0, ERROR_EXCERPT_CHARS);
  const retryable = res.status === 429 || res.status >= 500;
  const status = `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  throw new TaskError(`${method} ${url.host} answered ${status}${excerpt.trim() ? `: ${excerpt}` : "."}`, {
    retryable,
    details: { status: res.status, headers, body: excerpt },
  });
}

function cancelled(url: URL): TaskError {
  return new TaskError(`The request to ${url.host} was cancelled.`, { retryable: false });
}

/** Connection refused, reset, DNS failure…: the other side may be back on the next attempt. */
function networkError(err: unknown, url: URL): TaskError {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const reason = cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
  return new TaskError(`Could not reach ${url.host}: ${reason}.`, { retryable: true, details: { code: cause?.code } });
}
