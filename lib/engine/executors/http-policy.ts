import { isIP } from "node:net";
import { TaskError } from "./types";

/**
 * Where `http` tasks may go and how much they may take. Workflow authors write the URLs, so the
 * administrator's allow-list is what keeps a workflow from reaching internal services (SSRF).
 */
export type HttpPolicy = { allowHosts: string[]; maxResponseBytes: number; timeoutMs: number; maxRedirects: number };

type Env = Record<string, string | undefined>;

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new Error(`${name} is “${raw}”; set it to a whole number greater than 0, or leave it unset for ${fallback}.`);
  }
  return n;
}

/**
 * The policy the environment sets: TANDEM_HTTP_ALLOW_HOSTS (comma-separated), TANDEM_HTTP_MAX_RESPONSE_BYTES
 * (default 1 MiB), TANDEM_HTTP_TIMEOUT_MS (default 30 s).
 */
export function httpPolicyFromEnv(env: Env = process.env): HttpPolicy {
  return {
    allowHosts: (env.TANDEM_HTTP_ALLOW_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
    maxResponseBytes: positiveInt(env, "TANDEM_HTTP_MAX_RESPONSE_BYTES", DEFAULT_MAX_RESPONSE_BYTES),
    timeoutMs: positiveInt(env, "TANDEM_HTTP_TIMEOUT_MS", DEFAULT_HTTP_TIMEOUT_MS),
    maxRedirects: DEFAULT_MAX_REDIRECTS,
  };
}

/** The hostname as the URL parser writes it (lower case, punycode, canonical IPs), without a trailing dot. */
function canonicalHost(host: string): string | null {
  try {
    return new URL(`http://${host}/`).hostname.replace(/\.$/, "");
  } catch {
    return null;
  }
}

type AllowEntry = { host: string; wildcard: boolean; port: string | null };

function parseEntry(raw: string): AllowEntry | null {
  const text = raw.trim();
  let host = text;
  let port: string | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = `[${bracketed[1]}]`;
    port = bracketed[2] ?? null;
  } else if (text.split(":").length === 2) {
    [host, port] = text.split(":") as [string, string];
    if (!/^\d+$/.test(port)) return null;
  } else if (text.includes(":")) {
    host = `[${text}]`; // a bare IPv6 address
  }
  const wildcard = host.startsWith("*.");
  const canonical = canonicalHost(wildcard ? host.slice(2) : host);
  if (!canonical) return null;
  return { host: canonical, wildcard, port: port === null ? null : String(Number(port)) };
}

function effectivePort(url: URL): string {
  if (url.port) return url.port;
  return url.protocol === "https:" ? "443" : "80";
}

/** Whether the allow-list admits this URL: `host` (any port), `host:port`, or `*.domain` (subdomains only). */
export function isHostAllowed(url: URL, allowHosts: readonly string[]): boolean {
  const host = url.hostname.replace(/\.$/, "");
  const port = effectivePort(url);
  return allowHosts.some((raw) => {
    const entry = parseEntry(raw);
    if (!entry) return false;
    if (entry.port !== null && entry.port !== port) return false;
    // `*.0.0.1` would otherwise admit 127.0.0.1: wildcards are for domain names only.
    if (entry.wildcard) return !isIP(host.replace(/^\[|\]$/g, "")) && host.endsWith(`.${entry.host}`);
    return host === entry.host;
  });
}

function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Parses a task's URL and applies the scheme and allow-list rules; every refusal is final (not retried). */
export function checkUrl(raw: string, policy: Pick<HttpPolicy, "allowHosts">): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TaskError(
      `“${shorten(raw)}” is not a valid URL; write a full address such as “https://api.example.com/path”.`,
      { retryable: false },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TaskError(`The URL uses “${url.protocol}”; an HTTP task can only call http: or https: addresses.`, {
      retryable: false,
    });
  }
  if (url.username || url.password) {
    throw new TaskError(
      "The URL holds a user name or password; send credentials in an Authorization header instead.",
      { retryable: false },
    );
  }
  if (!isHostAllowed(url, policy.allowHosts)) {
    throw new TaskError(
      `${url.host} is not on the allow-list; an administrator can add it to TANDEM_HTTP_ALLOW_HOSTS.`,
      { retryable: false },
    );
  }
  return url;
}

/**
 * Where a redirect from `current` leads, if it may be followed: only to the same host (a port the allow-list
 * also admits), and never from https down to http, which would send the task's headers in clear text.
 */
export function redirectTarget(current: URL, location: string | null, policy: Pick<HttpPolicy, "allowHosts">): URL {
  if (!location) {
    throw new TaskError(`${current.host} answered a redirect without a Location header.`, { retryable: false });
  }
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new TaskError(`${current.host} redirected to “${shorten(location)}”, which is not a valid URL.`, {
      retryable: false,
    });
  }
  const web = next.protocol === "http:" || next.protocol === "https:";
  if (!web || next.hostname !== current.hostname || !isHostAllowed(next, policy.allowHosts)) {
    throw new TaskError(
      `${current.host} redirected to ${web ? next.host : next.protocol}, which is not followed; ` +
        "call that address directly (an HTTP task follows redirects only within the same host).",
      { retryable: false },
    );
  }
  if (current.protocol === "https:" && next.protocol === "http:") {
    throw new TaskError(`${current.host} redirected from https to plain http, which is not followed.`, {
      retryable: false,
    });
  }
  return next;
}
