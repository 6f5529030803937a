import { describe, expect, it } from "vitest";
import type { TaskSnapshot } from "./run-state";
import { nextSteps } from "./plan";
import { NO_SCOPE } from "./run-testing";
import { chain, edge, graph, task } from "./testing";

// Correctness at the schema's limit of 2,000 tasks; how fast it is belongs to `npm run bench`.
const ids = Array.from({ length: 2_000 }, (_, i) => `t${i}`);

describe("a graph of 2,000 tasks", () => {
  it("skips a chain of 1,999 tasks behind a false condition in one call", () => {
    const g = graph(
      ids.map((id) => task(id)),
      [edge("t0", "t1", { left: "{{previous_output.go}}", op: "truthy" }), ...chain(...ids.slice(1))],
    );
    const s = new Map<string, TaskSnapshot>([["t0", { status: "completed", output: { go: false } }]]);
    const next = nextSteps(g, s, NO_SCOPE);
    expect(next.ready).toEqual([]);
    expect(next.skip).toEqual(ids.slice(1));
    expect(next.outcome).toBe("completed");
  });

  it("starts 1,998 branches at once and the join after all of them", () => {
    const [root, join, ...branches] = ids as [string, string, ...string[]];
    const g = graph(
      ids.map((id) => task(id)),
      branches.flatMap((b) => [edge(root, b), edge(b, join)]),
    );
    const s = new Map<string, TaskSnapshot>([[root, { status: "completed", output: null }]]);
    expect(nextSteps(g, s, NO_SCOPE)).toEqual({ ready: branches, skip: [], outcome: "running" });
    for (const b of branches) s.set(b, { status: "completed", output: b });
    expect(nextSteps(g, s, NO_SCOPE)).toEqual({ ready: [join], skip: [], outcome: "running" });
  });
});
