import type { TaskGraph } from "@/lib/engine/graph-schema";
import { task } from "@/lib/engine/testing";

export { task };
import { type StageDef, type WorkflowDefinition, definitionOf, newStage } from "./definition";

/** Builders for definitions in unit tests (diff, import/export). Not used by the application. */

export const STAGE_IDS = {
  backlog: "11111111-1111-4111-8111-111111111111",
  review: "22222222-2222-4222-8222-222222222222",
  done: "33333333-3333-4333-8333-333333333333",
  extra: "44444444-4444-4444-8444-444444444444",
  other: "55555555-5555-4555-8555-555555555555",
} as const;

/** A graph using every executor kind, schemas, a condition and a loop. */
export function reviewGraph(): TaskGraph {
  return {
    roles: [{ id: "reviewer", name: "Reviewer", capabilities: ["code.review"] }],
    tasks: [
      task("analyze", {
        name: "Analyze diff",
        executor: { kind: "agent", role: "reviewer", modelHint: "small", prompt: "Review the diff." },
        input: { diff: "{{run.input.diff}}" },
        retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 500 },
        timeoutMs: 60_000,
        inputSchema: { type: "object", properties: { diff: { type: "string" } } },
        outputSchema: { type: "object", properties: { ok: { type: "boolean" } } },
        policyTags: ["guardrail.secure_outputs"],
        loop: { until: { left: "{{output.ok}}", op: "truthy" }, maxIterations: 3 },
        position: { x: 0, y: 0 },
      }),
      task("approve", {
        executor: { kind: "approval", approvals: 2, level: "ADMIN", instructions: "Check the summary." },
        position: { x: 260, y: 0 },
      }),
      task("notify", {
        executor: { kind: "http", method: "POST", url: "https://example.com/hook", headers: { "x-team": "core" }, body: { ok: true } },
        position: { x: 520, y: 0 },
      }),
      task("shape", { executor: { kind: "transform", output: { approved: "{{previous_output.ok}}" } }, position: { x: 260, y: 120 } }),
      task("wait", { executor: { kind: "delay", ms: 5_000 }, position: { x: 520, y: 120 } }),
      task("confirm", { executor: { kind: "human", instructions: "Confirm the release notes." }, position: { x: 780, y: 0 } }),
    ],
    edges: [
      { from: "analyze", to: "approve", condition: { left: "{{previous_output.ok}}", op: "equals", value: true } },
      { from: "approve", to: "notify", condition: null },
      { from: "analyze", to: "shape", condition: null },
      { from: "shape", to: "wait", condition: null },
      { from: "notify", to: "confirm", condition: null },
    ],
  };
}

/**
 * Three stages: a human backlog, an automated review with `reviewGraph` and a 30-minute run timeout, a
 * human done column; at most 4 runs at a time.
 */
export function sampleDefinition(): WorkflowDefinition {
  const review: StageDef = {
    ...newStage(STAGE_IDS.review, "AUTOMATION", "Agent pre-review"),
    wipLimit: 3,
    taskGraph: reviewGraph(),
    runTimeoutMs: 30 * 60_000,
  };
  return definitionOf([newStage(STAGE_IDS.backlog, "HUMAN", "Backlog"), review, newStage(STAGE_IDS.done, "HUMAN", "Done")], { maxConcurrentRuns: 4 });
}

/** A deep copy to edit without touching the original. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
