import { timingSafeEqual } from "node:crypto";
import { getDb } from "@/db/client";
import { engineMetrics } from "@/lib/engine/metrics";

export const dynamic = "force-dynamic";

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Prometheus scrape target. With TANDEM_METRICS_TOKEN set, it asks for `Authorization: Bearer <token>`. */
export async function GET(req: Request) {
  const token = process.env.TANDEM_METRICS_TOKEN;
  if (token && !same(req.headers.get("authorization") ?? "", `Bearer ${token}`)) {
    return new Response("Send Authorization: Bearer <TANDEM_METRICS_TOKEN>.\n", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
  }
  return new Response(await engineMetrics(await getDb()), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" } });
}
