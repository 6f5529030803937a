import { describe, expect, it } from "vitest";
import { editDiff, patchChange, planChanges } from "./plan-diff";
import type { Plan } from "./types";

const plan = (over: Partial<Plan> = {}): Plan => ({
  summary: "Rename the client",
  steps: [
    { title: "Rename in lib", description: "Use the new name", risk: "low", estimate_minutes: 10, files: ["lib/a.ts"] },
    { title: "Update tests", description: "", risk: "low", estimate_minutes: 5, files: ["lib/a.test.ts"] },
  ],
  risks: ["Callers outside the repository break"],
  ...over,
});

describe("plan-diff", () => {
  it("finds nothing between equal plans", () => {
    expect(planChanges(plan(), plan())).toEqual([]);
    expect(editDiff({ plan: plan(), patch: "x" }, { plan: plan(), patch: "x" })).toBeNull();
  });

  it("names added, removed and changed steps, reordering, and risks", () => {
    const before = plan();
    const after = plan({
      summary: "Rename the client everywhere",
      steps: [
        { ...before.steps[1]!, risk: "medium", estimate_minutes: 15 },
        { title: "Announce it", description: "", risk: "low", estimate_minutes: 2, files: [] },
        before.steps[0]!,
      ],
      risks: ["Docs go stale"],
    });
    expect(planChanges(before, after)).toEqual([
      "Summary changed.",
      "Step “Update tests” changed: risk low → medium, estimate 5 → 15 min.",
      "Step added: Announce it (low, 2 min).",
      "Steps reordered.",
      "Risk removed: Callers outside the repository break",
      "Risk added: Docs go stale",
    ]);
    const removed = planChanges(before, plan({ steps: [before.steps[0]!] }));
    expect(removed).toEqual(["Step removed: Update tests (low, 5 min)."]);
  });

  it("counts the lines a patch edit added and removed", () => {
    expect(patchChange("a\nb\nc", "a\nB\nc\nd")).toEqual({ changed: true, linesAdded: 2, linesRemoved: 1 });
    expect(patchChange(null, null)).toBeNull();
    expect(patchChange("a", "a")).toEqual({ changed: false, linesAdded: 0, linesRemoved: 0 });
    expect(editDiff({ plan: plan(), patch: "a" }, { plan: plan(), patch: null })).toEqual({
      plan: [],
      patch: { changed: true, linesAdded: 1, linesRemoved: 1 },
    });
  });
});
