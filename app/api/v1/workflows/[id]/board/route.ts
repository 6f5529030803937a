import { boardRoute } from "@/lib/api/board";
import { apiContext } from "@/lib/api/next";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return boardRoute(await apiContext(req), (await params).id);
}
