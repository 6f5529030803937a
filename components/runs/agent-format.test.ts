import { describe, expect, it } from "vitest";
import type { GuardrailResult } from "@/lib/agents/catalog/schemas";
import { arrangeCalls, callLook, clipText, formatTokens, formatUsd, guardrailView } from "./agent-format";

const call = (id: number, roleId: string, taskKey = "review", iteration = 1) => ({ id, roleId, taskKey, iteration });

describe("agent call formatting", () => {
  it("shows estimated costs with up to four decimals under a dollar and cents above", () => {
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(0.0145)).toBe("$0.0145");
    expect(formatUsd(0.01)).toBe("$0.01");
    expect(formatUsd(0.123456)).toBe("$0.1235");
    expect(formatUsd(0.00012)).toBe("$0.0001");
    expect(formatUsd(0.00001)).toBe("< $0.0001");
    expect(formatUsd(0.25)).toBe("$0.25");
    expect(formatUsd(1204.5)).toBe("$1,204.50");
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(Number.NaN)).toBe("$0");
  });

  it("shortens token counts", () => {
    expect(formatTokens(950)).toBe("950");
    expect(formatTokens(1_234)).toBe("1.2k");
    expect(formatTokens(12_345)).toBe("12k");
    expect(formatTokens(2_500_000)).toBe("2.5M");
  });

  it("puts a handoff right under the call that handed over, though its row was written first", () => {
    const calls = [call(1, "reviewer → Writer"), call(2, "reviewer"), call(3, "other")];
    expect(arrangeCalls(calls).map((a) => [a.call.id, a.depth, a.handoffFrom])).toEqual([
      [2, 0, null],
      [1, 1, "reviewer"],
      [3, 0, null],
    ]);
  });

  it("finds a paused parent written before its handoff, and keeps an orphan handoff in place", () => {
    const paused = [call(5, "reviewer"), call(6, "reviewer → Writer")];
    expect(arrangeCalls(paused).map((a) => [a.call.id, a.depth])).toEqual([
      [5, 0],
      [6, 1],
    ]);
    const orphan = [call(7, "reviewer → Writer", "other_task"), call(8, "reviewer")];
    expect(arrangeCalls(orphan).map((a) => [a.call.id, a.depth, a.handoffFrom])).toEqual([
      [7, 0, "reviewer"],
      [8, 0, null],
    ]);
  });

  it("does not take a parent from another iteration", () => {
    const calls = [call(1, "reviewer → Writer", "review", 2), call(2, "reviewer", "review", 1), call(3, "reviewer", "review", 2)];
    expect(arrangeCalls(calls).map((a) => a.call.id)).toEqual([2, 3, 1]);
  });

  it("clips long text by lines and characters", () => {
    const text = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n");
    const clip = clipText(text, 3);
    expect(clip).toEqual({ head: "line 1\nline 2\nline 3", clipped: true, totalLines: 20 });
    expect(clipText("short")).toEqual({ head: "short", clipped: false, totalLines: 1 });
    expect(clipText("word ".repeat(200), 8, 50).head.length).toBeLessThanOrEqual(50);
  });

  it("shows guardrail verdicts worst first and keeps flags and blocks in view", () => {
    const r = (verdict: GuardrailResult["verdict"], kind: GuardrailResult["kind"] = "secrets"): GuardrailResult => ({ tag: "t", kind, phase: "output", verdict, reason: verdict });
    const view = guardrailView([r("pass"), r("flag", "regex_deny"), r("block", "path_allowlist")]);
    expect(view.chips.map((c) => [c.verdict, c.tone])).toEqual([
      ["block", "rose"],
      ["flag", "amber"],
      ["pass", "slate"],
    ]);
    expect(view.chips[0]!.label).toBe("path allowlist · output");
    expect(view.notable.map((c) => c.verdict)).toEqual(["block", "flag"]);
    expect(view.passed).toBe(1);
  });

  it("says a waiting call that was decided is resuming", () => {
    expect(callLook("waiting", false).label).toBe("Waits for approval");
    expect(callLook("waiting", true).label).toBe("Decided, resuming");
    expect(callLook("blocked", false).tone).toBe("rose");
  });
});
