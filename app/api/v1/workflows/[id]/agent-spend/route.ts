import { workflowSpendRoute } from "@/lib/api/agent-calls";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return workflowSpendRoute(await apiContext(req), req, (await params).id);
}
