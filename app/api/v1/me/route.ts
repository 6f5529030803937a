import { meRoute } from "@/lib/api/me";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

/** Who the caller is (API token or session): identity and team roles. */
export async function GET(req: Request) {
  return meRoute(await apiContext(req));
}
