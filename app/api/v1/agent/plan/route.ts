import { agentPlanRoute } from "@/lib/api/agent";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return agentPlanRoute(await apiContext(req), req);
}
