import { getDatabase } from "@/db/client";
import { apiContext } from "@/lib/api/next";
import { runEventsRoute } from "@/lib/api/runs";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return runEventsRoute(await apiContext(req), req, await getDatabase(), (await params).id);
}
