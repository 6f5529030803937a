import { getAgentRoute, updateAgentRoute } from "@/lib/api/catalog";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: Params) {
  return getAgentRoute(await apiContext(req), req, (await params).id);
}

export async function PUT(req: Request, { params }: Params) {
  return updateAgentRoute(await apiContext(req), req, (await params).id);
}
