import { archiveAgentRoute } from "@/lib/api/catalog";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return archiveAgentRoute(await apiContext(req), req, (await params).id);
}
