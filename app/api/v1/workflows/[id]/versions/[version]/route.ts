import { apiContext } from "@/lib/api/next";
import { getVersionRoute } from "@/lib/api/workflows";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; version: string }> };

export async function GET(req: Request, { params }: Params) {
  const { id, version } = await params;
  return getVersionRoute(await apiContext(req), req, id, version);
}
