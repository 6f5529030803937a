import { apiContext } from "@/lib/api/next";
import { importRoute } from "@/lib/api/workflows";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function POST(req: Request, { params }: Params) {
  return importRoute(await apiContext(req), req, (await params).id);
}
