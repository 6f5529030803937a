import { bindRoleRoute, unbindRoleRoute } from "@/lib/api/catalog";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; roleId: string }> };

export async function PUT(req: Request, { params }: Params) {
  const { id, roleId } = await params;
  return bindRoleRoute(await apiContext(req), req, id, roleId);
}

export async function DELETE(req: Request, { params }: Params) {
  const { id, roleId } = await params;
  return unbindRoleRoute(await apiContext(req), req, id, roleId);
}
