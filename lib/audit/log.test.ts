import { asc } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { GENESIS_HASH, appendAudit, auditHash } from "./log";

describeDb("audit log", (db) => {
  it("chains each row to the one before, with a hash of its own content", async () => {
    await appendAudit(db(), { actorId: null, action: "test.first", details: { b: 1, a: [2, { d: 3, c: 4 }] } });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => appendAudit(db(), { actorId: null, action: `test.concurrent.${i}`, requestId: `r${i}` })),
    );
    const rows = await db().select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(rows).toHaveLength(9);
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prevHash).toBe(prev);
      const { seq: _seq, hash, prevHash: _p, ...content } = row;
      expect(hash).toBe(auditHash(prev, content));
      prev = hash;
    }
  });

  it("changes the hash when any recorded field changes", () => {
    const base = {
      at: new Date("2026-01-01T00:00:00Z"),
      actorId: null,
      action: "x",
      targetType: "workflow",
      targetId: "1",
      outcome: "success" as const,
      requestId: null,
      details: { from: "a" },
    };
    const h = auditHash(GENESIS_HASH, base);
    expect(auditHash(GENESIS_HASH, { ...base, details: { from: "b" } })).not.toBe(h);
    expect(auditHash(GENESIS_HASH, { ...base, outcome: "failure" })).not.toBe(h);
    expect(auditHash("1".repeat(64), base)).not.toBe(h);
  });
});
