import { apiContext } from "@/lib/api/next";
import { executeWorkflowRoute } from "@/lib/api/workflow-runs";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return executeWorkflowRoute(await apiContext(req), req, (await params).id);
}
