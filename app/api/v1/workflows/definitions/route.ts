import { apiContext } from "@/lib/api/next";
import { listDefinitionsRoute } from "@/lib/api/workflow-runs";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return listDefinitionsRoute(await apiContext(req), req);
}
