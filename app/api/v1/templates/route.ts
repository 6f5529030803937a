import { apiContext } from "@/lib/api/next";
import { listTemplatesRoute } from "@/lib/api/workflows";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return listTemplatesRoute(await apiContext(req), req);
}
