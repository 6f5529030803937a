/**
 * The client address for rate limits. X-Forwarded-For is a list each proxy appends to, and its left
 * end is whatever the client sent, so we count from the right: `TANDEM_PROXY_HOPS` (default 1) is the
 * number of proxies we trust, and their entry for the client is that many places from the end.
 * Without a proxy, Next.js fills the header with the socket address (only when the client sent none).
 */
export function clientIp(headers: Headers, hops = Number(process.env.TANDEM_PROXY_HOPS ?? 1)): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const n = Number.isInteger(hops) && hops > 0 ? hops : 1;
  return chain[Math.max(0, chain.length - n)] ?? "unknown";
}
