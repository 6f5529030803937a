import { sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and `npm start` scripts. */
export async function GET() {
  try {
    const { db, driver } = await getDatabase();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: { status: "ok", driver } });
  } catch {
    return Response.json({ status: "error", database: { status: "unreachable" } }, { status: 503 });
  }
}
