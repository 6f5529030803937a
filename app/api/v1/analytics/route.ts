import { overviewRoute } from "@/lib/api/analytics";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return overviewRoute(await apiContext(req), req);
}
