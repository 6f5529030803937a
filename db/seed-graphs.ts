import { type Task, type TaskGraph, newTask } from "@/lib/engine/graph-schema";

/** Task graphs of the demo templates and workflows: small, valid, and showing each executor kind. */

const task = (id: string, name: string, x: number, y: number, rest: Pick<Task, "executor"> & Partial<Task>): Task =>
  newTask(id, rest.executor, { name, position: { x, y }, ...rest });

const reviewOutput = {
  type: "object",
  required: ["risk", "summary"],
  properties: {
    risk: { type: "string", enum: ["low", "medium", "high"] },
    summary: { type: "string" },
    findings: { type: "array", items: { type: "string" } },
  },
};

export const preReviewGraph: TaskGraph = {
  roles: [{ id: "reviewer", name: "Reviewer", capabilities: ["code.review"] }],
  tasks: [
    task("collect", "Collect the change", 0, 80, {
      executor: { kind: "transform", output: { ref: "{{item.data.ref}}", title: "{{item.title}}" } },
    }),
    task("review", "Agent review", 280, 80, {
      executor: {
        kind: "agent",
        role: "reviewer",
        modelHint: "builtin",
        prompt: "Review {{previous_output.ref}}: list risky changes, missing tests and files touched without need.",
      },
      input: { change: "{{previous_output}}" },
      outputSchema: reviewOutput,
      policyTags: ["secrets"],
      timeoutMs: 600_000,
    }),
    task("risk_gate", "Lead sign-off on risky change", 560, 0, {
      executor: { kind: "approval", approvals: 1, level: "ADMIN", instructions: "The agent rated this change high risk." },
      timeoutMs: 86_400_000,
    }),
    task("summary", "Summary for the reviewer", 840, 80, {
      executor: { kind: "transform", output: { risk: "{{tasks.review.output.risk}}", summary: "{{tasks.review.output.summary}}" } },
    }),
  ],
  edges: [
    { from: "collect", to: "review", condition: null },
    { from: "review", to: "risk_gate", condition: { left: "{{previous_output.risk}}", op: "equals", value: "high" } },
    { from: "review", to: "summary", condition: null },
    { from: "risk_gate", to: "summary", condition: null },
  ],
};

export const mergeChecksGraph: TaskGraph = {
  roles: [],
  tasks: [
    task("run_ci", "Run CI", 0, 80, {
      executor: { kind: "http", method: "POST", url: "https://ci.example.com/api/builds", headers: { "content-type": "application/json" }, body: { ref: "{{item.data.ref}}" } },
      outputSchema: { type: "object", properties: { status: { type: "string" }, url: { type: "string" } } },
      retry: { maxAttempts: 5, backoff: "exponential", initialDelayMs: 5_000 },
      timeoutMs: 1_800_000,
    }),
    task("settle", "Let canaries settle", 280, 80, { executor: { kind: "delay", ms: 300_000 } }),
    task("merge_ok", "Approve the merge", 560, 80, { executor: { kind: "approval", approvals: 1, level: "WRITE" } }),
    task("merge", "Merge", 840, 80, {
      executor: { kind: "http", method: "POST", url: "https://git.example.com/api/merge", headers: {}, body: { ref: "{{item.data.ref}}" } },
    }),
  ],
  edges: [
    { from: "run_ci", to: "settle", condition: { left: "{{previous_output.status}}", op: "equals", value: "passed" } },
    { from: "settle", to: "merge_ok", condition: null },
    { from: "merge_ok", to: "merge", condition: null },
  ],
};
