import { apiContext } from "@/lib/api/next";
import { listVersionsRoute } from "@/lib/api/workflows";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: Params) {
  return listVersionsRoute(await apiContext(req), req, (await params).id);
}
