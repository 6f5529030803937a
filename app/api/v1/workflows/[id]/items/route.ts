import { createWorkflowItemRoute, listWorkflowItemsRoute } from "@/lib/api/items";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: Params) {
  return listWorkflowItemsRoute(await apiContext(req), req, (await params).id);
}

export async function POST(req: Request, { params }: Params) {
  return createWorkflowItemRoute(await apiContext(req), req, (await params).id);
}
