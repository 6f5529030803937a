import { workflowAnalyticsRoute } from "@/lib/api/analytics";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return workflowAnalyticsRoute(await apiContext(req), req, (await params).id);
}
