import { getDatabase } from "@/db/client";
import { currentAppEngine } from "@/lib/automation/engine";
import { checkHealth } from "@/lib/health";
import { REQUEST_ID_HEADER } from "@/lib/request-id";

export const dynamic = "force-dynamic";

/**
 * Database reachability and worker status, for load balancers, monitors and `npm start` scripts:
 * 503 when the database is unreachable, 200 otherwise (`degraded` when no worker runs). See lib/health.ts.
 */
export async function GET(req: Request) {
  const { httpStatus, body } = await checkHealth({
    database: getDatabase,
    engine: currentAppEngine(),
    requestId: req.headers.get(REQUEST_ID_HEADER) ?? undefined,
  });
  return Response.json(body, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
}
