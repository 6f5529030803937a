import { createPolicyRoute, listPoliciesRoute } from "@/lib/api/catalog";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return listPoliciesRoute(await apiContext(req), req);
}

export async function POST(req: Request) {
  return createPolicyRoute(await apiContext(req), req);
}
