import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agentCalls } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createUser } from "@/db/testing/factories";
import { engineStats, recordCall, recordOutcome } from "./learning";

describeDb("agents: learning", (db) => {
  let ann: string;
  let bob: string;
  beforeAll(async () => {
    ann = (await createUser(db(), { name: "Ann" })).id;
    bob = (await createUser(db(), { name: "Bob" })).id;
  });

  it("records outcomes: accepted, edited and apply_success succeed; rejected and apply_failure do not", async () => {
    const kinds = ["accepted", "edited", "apply_success", "rejected", "apply_failure"] as const;
    const rows = [];
    for (const kind of kinds) rows.push(await recordOutcome(db(), { userId: ann, intent: "docs", engine: "builtin", kind }));
    expect(rows.map((r) => [r.kind, r.success])).toEqual([
      ["accepted", true],
      ["edited", true],
      ["apply_success", true],
      ["rejected", false],
      ["apply_failure", false],
    ]);
    expect(rows[0]).toMatchObject({ userId: ann, intent: "docs", engine: "builtin", recommendationId: null });
  });

  it("refuses an unknown kind or a blank intent", async () => {
    await expect(recordOutcome(db(), { userId: ann, intent: "docs", engine: "builtin", kind: "liked" as never })).rejects.toMatchObject({ code: "invalid" });
    await expect(recordOutcome(db(), { userId: ann, intent: " ", engine: "builtin", kind: "accepted" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("gives a user with enough history their own stats, per engine, most samples first", async () => {
    // Ann: 4 on "fix" with builtin (3 good), 2 with openai (both bad) = 6 ≥ 5.
    for (const kind of ["accepted", "accepted", "edited", "rejected"] as const) await recordOutcome(db(), { userId: ann, intent: "fix", engine: "builtin", kind });
    for (let i = 0; i < 2; i++) await recordOutcome(db(), { userId: ann, intent: "fix", engine: "openai", kind: "apply_failure" });
    // Everyone else loves openai for fixes: it must not sway Ann's stats.
    for (let i = 0; i < 10; i++) await recordOutcome(db(), { userId: bob, intent: "fix", engine: "openai", kind: "accepted" });
    expect(await engineStats(db(), { userId: ann, intent: "fix" })).toEqual([
      { engine: "builtin", samples: 4, successes: 3 },
      { engine: "openai", samples: 2, successes: 0 },
    ]);
  });

  it("falls back to everyone's outcomes below five samples of the user's own, and for no user", async () => {
    // Carl has one outcome of his own: too few, so he sees everyone's (Ann's, Bob's and his).
    const carl = (await createUser(db(), { name: "Carl" })).id;
    await recordOutcome(db(), { userId: carl, intent: "fix", engine: "builtin", kind: "rejected" });
    const everyone = [
      { engine: "openai", samples: 12, successes: 10 },
      { engine: "builtin", samples: 5, successes: 3 },
    ];
    expect(await engineStats(db(), { userId: carl, intent: "fix" })).toEqual(everyone);
    expect(await engineStats(db(), { userId: null, intent: "fix" })).toEqual(everyone);
    // Unattributed outcomes (no user) count for everyone.
    await recordOutcome(db(), { userId: null, intent: "fix", engine: "builtin", kind: "accepted" });
    expect(await engineStats(db(), { userId: null, intent: "fix" })).toContainEqual({ engine: "builtin", samples: 6, successes: 4 });
    // Bob's own ten outweigh everything else.
    expect(await engineStats(db(), { userId: bob, intent: "fix" })).toEqual([{ engine: "openai", samples: 10, successes: 10 }]);
    expect(await engineStats(db(), { userId: ann, intent: "never-seen" })).toEqual([]);
  });

  it("records engine calls with tokens, latency and a shortened error", async () => {
    const ok = await recordCall(db(), { userId: ann, verb: "plan", engine: "builtin", model: null, inputTokens: 1200, outputTokens: 300, latencyMs: 41.6, ok: true });
    expect(ok).toMatchObject({ userId: ann, sessionId: null, recommendationId: null, verb: "plan", engine: "builtin", inputTokens: 1200, outputTokens: 300, latencyMs: 42, ok: true, error: null });
    const failed = await recordCall(db(), { userId: null, verb: "plan", engine: "openai-compatible", model: "gpt-x", inputTokens: 0, outputTokens: 0, latencyMs: 5, ok: false, error: "x".repeat(5000) });
    expect(failed.error).toHaveLength(2000);
    expect(await db().select().from(agentCalls).where(eq(agentCalls.engine, "openai-compatible"))).toHaveLength(1);
    await expect(recordCall(db(), { userId: ann, verb: "plan", engine: "builtin", inputTokens: -1, outputTokens: 0, latencyMs: 1, ok: true })).rejects.toMatchObject({ code: "invalid" });
  });
});
