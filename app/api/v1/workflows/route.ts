import { apiContext } from "@/lib/api/next";
import { createWorkflowRoute } from "@/lib/api/workflows";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return createWorkflowRoute(await apiContext(req), req);
}
