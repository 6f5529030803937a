import { apiContext } from "@/lib/api/next";
import { listRunsRoute } from "@/lib/api/runs";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return listRunsRoute(await apiContext(req), req);
}
