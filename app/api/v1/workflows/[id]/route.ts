import { apiContext } from "@/lib/api/next";
import { workflowStatusRoute } from "@/lib/api/workflow-runs";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return workflowStatusRoute(await apiContext(req), req, (await params).id);
}
