import { apiContext } from "@/lib/api/next";
import { createTriggerRoute, listTriggersRoute } from "@/lib/triggers/rest";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: Params) {
  return listTriggersRoute(await apiContext(req), req, (await params).id);
}

export async function POST(req: Request, { params }: Params) {
  return createTriggerRoute(await apiContext(req), req, (await params).id);
}
