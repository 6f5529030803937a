import { createHash } from "node:crypto";
import { desc, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type AuditOutcome, type AuditRow, auditLog } from "@/db/schema";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  requestId?: string;
  details?: Record<string, unknown>;
};

export const GENESIS_HASH = "0".repeat(64);

/** The recorded fields of a row, which its hash covers. */
export type AuditContent = Omit<AuditRow, "seq" | "prevHash" | "hash">;

/** Canonical content hash of a row: its fields in a fixed order, chained to the previous hash. */
export function auditHash(prevHash: string, row: AuditContent): string {
  const canonical = JSON.stringify([
    prevHash,
    row.at.toISOString(),
    row.actorId,
    row.action,
    row.targetType,
    row.targetId,
    row.outcome,
    row.requestId,
    sortKeys(row.details),
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Appends one audit row, chained to the last one. Call it inside the transaction of the write it
 * records; the advisory lock keeps the chain linear when writers race.
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7291002)`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const row: AuditContent = {
      at: new Date(),
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      outcome: entry.outcome ?? "success",
      requestId: entry.requestId ?? null,
      details: entry.details ?? {},
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.insert(auditLog).values({ ...row, prevHash, hash: auditHash(prevHash, row) });
  });
}
