import { apiContext } from "@/lib/api/next";
import { cancelRunRoute } from "@/lib/api/runs";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return cancelRunRoute(await apiContext(req), req, (await params).id);
}
