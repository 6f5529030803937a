import { archiveItemRoute } from "@/lib/api/items";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return archiveItemRoute(await apiContext(req), req, (await params).id);
}
