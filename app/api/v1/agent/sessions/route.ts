import { createAgentSessionRoute, listAgentSessionsRoute } from "@/lib/api/agent";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return listAgentSessionsRoute(await apiContext(req), req);
}

export async function POST(req: Request) {
  return createAgentSessionRoute(await apiContext(req), req);
}
