import { listRoleBindingsRoute } from "@/lib/api/catalog";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return listRoleBindingsRoute(await apiContext(req), req, (await params).id);
}
