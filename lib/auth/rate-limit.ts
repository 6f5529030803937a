import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimitHits } from "@/db/schema";

/** Hits recorded in `bucket` within the last `windowMs`. */
export async function countHits(db: Db, bucket: string, windowMs: number): Promise<number> {
  const since = new Date(Date.now() - windowMs);
  const [row] = await db
    .select({ n: count() })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.bucket, bucket), gt(rateLimitHits.at, since)));
  return row?.n ?? 0;
}

/** Records one hit in each bucket and drops hits older than a day, so the table stays small. */
export async function recordHit(db: Db, buckets: string[]): Promise<void> {
  if (buckets.length === 0) return;
  await db.insert(rateLimitHits).values(buckets.map((bucket) => ({ bucket })));
  await db
    .delete(rateLimitHits)
    .where(and(inArray(rateLimitHits.bucket, buckets), lt(rateLimitHits.at, new Date(Date.now() - 86_400_000))));
}

/** Forgets a bucket's hits (after a successful sign-in, say). */
export async function clearHits(db: Db, bucket: string): Promise<void> {
  await db.delete(rateLimitHits).where(eq(rateLimitHits.bucket, bucket));
}
