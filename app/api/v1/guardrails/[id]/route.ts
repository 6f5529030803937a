import { deletePolicyRoute, updatePolicyRoute } from "@/lib/api/catalog";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function PUT(req: Request, { params }: Params) {
  return updatePolicyRoute(await apiContext(req), req, (await params).id);
}

export async function DELETE(req: Request, { params }: Params) {
  return deletePolicyRoute(await apiContext(req), req, (await params).id);
}
