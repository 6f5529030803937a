import { lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { revokedSessions } from "@/db/schema";

/** Ends a session for good: its id is refused from now on, whatever cookie still carries it. */
export async function revokeSession(db: Db, s: { sid: string; userId: string | null; expiresAt: Date }): Promise<void> {
  await db.insert(revokedSessions).values(s).onConflictDoNothing();
  // Expired sessions are refused by their own expiry; their rows are no longer needed.
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
}
