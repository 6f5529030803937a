import { decideAgentCallRoute } from "@/lib/api/agent-calls";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return decideAgentCallRoute(await apiContext(req), req, (await params).id);
}
