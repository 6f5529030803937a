import { apiContext } from "@/lib/api/next";
import { deleteTriggerRoute, updateTriggerRoute } from "@/lib/triggers/rest";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function PATCH(req: Request, { params }: Params) {
  return updateTriggerRoute(await apiContext(req), req, (await params).id);
}

export async function DELETE(req: Request, { params }: Params) {
  return deleteTriggerRoute(await apiContext(req), req, (await params).id);
}
