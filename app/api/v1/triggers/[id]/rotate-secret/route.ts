import { apiContext } from "@/lib/api/next";
import { rotateTriggerSecretRoute } from "@/lib/triggers/rest";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function POST(req: Request, { params }: Params) {
  return rotateTriggerSecretRoute(await apiContext(req), req, (await params).id);
}
