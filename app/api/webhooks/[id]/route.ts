import { getDb } from "@/db/client";
import { handleWebhook } from "@/lib/triggers/webhook";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/**
 * Inbound webhook deliveries. No session or token: the `X-Tandem-Signature` HMAC of
 * `<X-Tandem-Timestamp>.<raw body>` under the trigger's secret is the only credential.
 */
export async function POST(req: Request, { params }: Params) {
  return handleWebhook(await getDb(), req, (await params).id);
}
