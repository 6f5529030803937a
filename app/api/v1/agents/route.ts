import { createAgentRoute, listAgentsRoute } from "@/lib/api/catalog";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return listAgentsRoute(await apiContext(req), req);
}

export async function POST(req: Request) {
  return createAgentRoute(await apiContext(req), req);
}
