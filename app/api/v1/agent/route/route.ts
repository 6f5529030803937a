import { agentRouteRoute } from "@/lib/api/agent";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return agentRouteRoute(await apiContext(req), req);
}
