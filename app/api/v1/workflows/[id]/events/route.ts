import { getDatabase } from "@/db/client";
import { boardEventsRoute } from "@/lib/api/board";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return boardEventsRoute(await apiContext(req), req, await getDatabase(), (await params).id);
}
