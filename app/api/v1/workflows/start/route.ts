import { apiContext } from "@/lib/api/next";
import { startRunRoute } from "@/lib/api/workflow-runs";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return startRunRoute(await apiContext(req), req);
}
