import { apiContext } from "@/lib/api/next";
import { getDefinitionRoute, saveDefinitionRoute } from "@/lib/api/workflows";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: Params) {
  return getDefinitionRoute(await apiContext(req), req, (await params).id);
}

export async function PUT(req: Request, { params }: Params) {
  return saveDefinitionRoute(await apiContext(req), req, (await params).id);
}
