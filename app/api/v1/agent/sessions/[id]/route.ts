import { deleteAgentSessionRoute, getAgentSessionRoute, updateAgentSessionRoute } from "@/lib/api/agent";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: Params) {
  return getAgentSessionRoute(await apiContext(req), req, (await params).id);
}

export async function PATCH(req: Request, { params }: Params) {
  return updateAgentSessionRoute(await apiContext(req), req, (await params).id);
}

export async function DELETE(req: Request, { params }: Params) {
  return deleteAgentSessionRoute(await apiContext(req), req, (await params).id);
}
