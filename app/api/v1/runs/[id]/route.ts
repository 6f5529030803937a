import { apiContext } from "@/lib/api/next";
import { getRunRoute } from "@/lib/api/runs";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return getRunRoute(await apiContext(req), req, (await params).id);
}
