import { getItemRoute, updateItemRoute } from "@/lib/api/items";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: Params) {
  return getItemRoute(await apiContext(req), req, (await params).id);
}

export async function PATCH(req: Request, { params }: Params) {
  return updateItemRoute(await apiContext(req), req, (await params).id);
}
