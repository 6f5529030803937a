import { describe, expect, it } from "vitest";
import type { Task, TaskGraph } from "@/lib/engine/graph-schema";
import { newStage } from "./definition";
import { diffDefinitions, formatBudget, summarizeDiff } from "./diff";
import { STAGE_IDS, clone, sampleDefinition, task } from "./testing-definitions";

const before = sampleDefinition();
const graphOf = (d: typeof before): TaskGraph => d.stages.find((s) => s.id === STAGE_IDS.review)!.taskGraph!;
const taskOf = (d: typeof before, id: string): Task => graphOf(d).tasks.find((t) => t.id === id)!;

describe("identical definitions", () => {
  it("are an empty diff", () => {
    const d = diffDefinitions(before, clone(before));
    expect(d.empty).toBe(true);
    expect(summarizeDiff(d)).toBe("No changes");
  });
});

describe("moving nodes on the canvas only", () => {
  it("is not a change", () => {
    const after = clone(before);
    for (const t of graphOf(after).tasks) t.position = { x: t.position.x + 40, y: t.position.y - 7 };
    const d = diffDefinitions(before, after);
    expect(d.empty).toBe(true);
    expect(d.stages.changed).toEqual([]);
  });
});

describe("stages added and removed", () => {
  it("lists them with name and type", () => {
    const after = clone(before);
    after.stages.pop();
    after.stages.push(newStage(STAGE_IDS.extra, "AGENT_ASSIST", "Fix"), newStage(STAGE_IDS.other, "HUMAN", "Ship"));
    const d = diffDefinitions(before, after);
    expect(d.stages.added).toEqual([
      { id: STAGE_IDS.extra, name: "Fix", type: "AGENT_ASSIST" },
      { id: STAGE_IDS.other, name: "Ship", type: "HUMAN" },
    ]);
    expect(d.stages.removed).toEqual([{ id: STAGE_IDS.done, name: "Done", type: "HUMAN" }]);
    expect(d.stages.moved).toEqual([]);
    expect(d.empty).toBe(false);
    expect(summarizeDiff(d)).toBe("2 stages added, 1 removed");
  });
});

describe("stages moved", () => {
  it("reports the stage that changed order with 1-based positions", () => {
    const after = clone(before);
    after.stages.unshift(after.stages.pop()!);
    const d = diffDefinitions(before, after);
    expect(d.stages.moved).toEqual([{ id: STAGE_IDS.done, name: "Done", from: 3, to: 1 }]);
    expect(d.stages.changed).toEqual([]);
    expect(summarizeDiff(d)).toBe("1 stage moved");
  });

  it("does not report stages only shifted by an insert", () => {
    const after = clone(before);
    after.stages.unshift(newStage(STAGE_IDS.extra, "HUMAN", "Inbox"));
    const d = diffDefinitions(before, after);
    expect(d.stages.moved).toEqual([]);
    expect(d.stages.added).toHaveLength(1);
  });
});

describe("stage settings changed", () => {
  it("lists each setting with readable values", () => {
    const after = clone(before);
    const s = after.stages[1]!;
    s.name = "Pre-review";
    s.wipLimit = null;
    s.agentAutoApply = true;
    s.agentModelHint = "large";
    after.stages[0]!.type = "AGENT_ASSIST";
    after.stages[0]!.agentPrompt = "Triage";
    const d = diffDefinitions(before, after);
    expect(d.stages.changed.map((c) => c.name)).toEqual(["Backlog", "Pre-review"]);
    expect(d.stages.changed[0]!.changes).toEqual([
      { field: "type", label: "Type", before: "Human", after: "Agent assist" },
      { field: "agentPrompt", label: "Agent prompt", before: "none", after: "Triage" },
    ]);
    expect(d.stages.changed[1]!.changes).toEqual([
      { field: "name", label: "Name", before: "Agent pre-review", after: "Pre-review" },
      { field: "wipLimit", label: "WIP limit", before: "3", after: "none" },
      { field: "agentModelHint", label: "Agent model hint", before: "none", after: "large" },
      { field: "agentAutoApply", label: "Agent auto-apply", before: "off", after: "on" },
    ]);
    expect(summarizeDiff(d)).toBe("2 stages changed");
  });

  it("shows a run timeout set, changed or cleared as a duration", () => {
    const after = clone(before);
    after.stages[1]!.runTimeoutMs = 2 * 3_600_000;
    const line = (a: typeof before, b: typeof before) => diffDefinitions(a, b).stages.changed[0]!.changes;
    expect(line(before, after)).toEqual([{ field: "runTimeoutMs", label: "Run timeout", before: "30 min", after: "2 h" }]);
    after.stages[1]!.runTimeoutMs = null;
    expect(line(before, after)).toEqual([{ field: "runTimeoutMs", label: "Run timeout", before: "30 min", after: "none" }]);
    expect(summarizeDiff(diffDefinitions(before, after))).toBe("1 stage changed");
  });

  it("shows a run budget set, changed or cleared as dollars and tokens", () => {
    const after = clone(before);
    after.stages[1]!.budget = { maxCostUsd: 0.5, maxTokens: 20_000 };
    const line = (a: typeof before, b: typeof before) => diffDefinitions(a, b).stages.changed[0]!.changes;
    expect(line(before, after)).toEqual([{ field: "budget", label: "Run budget", before: "none", after: "$0.50 / 20,000 tokens" }]);
    const tokensOnly = clone(after);
    tokensOnly.stages[1]!.budget = { maxCostUsd: null, maxTokens: 20_000 };
    expect(line(after, tokensOnly)).toEqual([{ field: "budget", label: "Run budget", before: "$0.50 / 20,000 tokens", after: "20,000 tokens" }]);
    expect(line(after, before)).toEqual([{ field: "budget", label: "Run budget", before: "$0.50 / 20,000 tokens", after: "none" }]);
    expect(summarizeDiff(diffDefinitions(before, after))).toBe("1 stage changed");
  });

  it("lists a stage's policy tags", () => {
    const after = clone(before);
    after.stages[1]!.policyTags = ["secrets", "needs-approval"];
    expect(diffDefinitions(before, after).stages.changed[0]!.changes).toEqual([
      { field: "policyTags", label: "Policy tags", before: "none", after: "secrets, needs-approval" },
    ]);
    expect(diffDefinitions(after, clone(after)).empty).toBe(true);
  });

  it("counts a role edit as a change of the stage", () => {
    const after = clone(before);
    graphOf(after).roles[0]!.capabilities.push("code.fix");
    const [c] = diffDefinitions(before, after).stages.changed;
    expect(c!.changes).toEqual([
      { field: "taskGraph.roles", label: "Roles", before: "Reviewer (code.review)", after: "Reviewer (code.review, code.fix)" },
    ]);
  });

  it("shortens a long prompt around the first difference", () => {
    const b = clone(before);
    const after = clone(before);
    b.stages[1]!.agentPrompt = `${"Read the whole diff carefully. ".repeat(10)}Then say yes.`;
    after.stages[1]!.agentPrompt = `${"Read the whole diff carefully. ".repeat(10)}Then say no.`;
    const [change] = diffDefinitions(b, after).stages.changed[0]!.changes;
    expect(change!.before.length).toBeLessThanOrEqual(122);
    expect(change!.before.startsWith("…")).toBe(true);
    expect(change!.before).toContain("say yes");
    expect(change!.after).toContain("say no");
  });
});

describe("workflow settings changed", () => {
  it("lists runs at a time in words and leads the summary", () => {
    const after = clone(before);
    after.settings.maxConcurrentRuns = null;
    const d = diffDefinitions(before, after);
    expect(d.empty).toBe(false);
    expect(d.settings).toEqual([{ field: "settings.maxConcurrentRuns", label: "Runs at a time", before: "4", after: "no limit" }]);
    expect(d.stages.changed).toEqual([]);
    expect(summarizeDiff(d)).toBe("Workflow settings changed");
    after.stages.pop();
    expect(summarizeDiff(diffDefinitions(before, after))).toBe("Workflow settings changed, 1 stage removed");
  });

  it("are no change when both sides have the same", () => {
    expect(diffDefinitions(before, clone(before)).settings).toEqual([]);
  });
});

describe("a task graph appearing and disappearing", () => {
  it("reads as tasks added, then removed", () => {
    const after = clone(before);
    after.stages[0] = { ...after.stages[0]!, type: "AUTOMATION", taskGraph: { roles: [], tasks: [task("sort")], edges: [] } };
    const added = diffDefinitions(before, after).stages.changed[0]!;
    expect(added.tasks.added).toEqual([{ id: "sort", name: "Sort" }]);
    const removed = diffDefinitions(after, before).stages.changed[0]!;
    expect(removed.tasks.removed).toEqual([{ id: "sort", name: "Sort" }]);
  });
});

describe("task fields changed", () => {
  it("lists executor fields, retry, timeout, tags, schemas and loop in words", () => {
    const after = clone(before);
    const a = taskOf(after, "analyze");
    a.executor = { kind: "agent", role: "reviewer", modelHint: "large", prompt: "Review the diff." };
    a.retry = { maxAttempts: 3, backoff: "exponential", initialDelayMs: 1_000 };
    a.timeoutMs = null;
    a.policyTags = [];
    a.outputSchema = null;
    a.loop = null;
    taskOf(after, "approve").executor = { kind: "approval", approvals: 1, level: "WRITE", instructions: "Check the summary." };
    taskOf(after, "wait").executor = { kind: "delay", ms: 90_000 };
    taskOf(after, "confirm").executor = { kind: "human", instructions: "Confirm the notes and the version." };
    const { tasks } = diffDefinitions(before, after).stages.changed[0]!;
    const byTask = Object.fromEntries(tasks.changed.map((t) => [t.id, t.changes.map((c) => [c.label, c.before, c.after])]));
    expect(byTask.analyze).toEqual([
      ["Model hint", "small", "large"],
      ["Retry", "2 attempts, 500 ms apart", "3 attempts, exponential from 1 s"],
      ["Timeout", "1 min", "none"],
      ["Output schema", '{"properties":{"ok":{"type":"boolean"}},"type":"object"}', "none"],
      ["Policy tags", "guardrail.secure_outputs", "none"],
      ["Loop", "until {{output.ok}} truthy, at most 3 times", "none"],
    ]);
    expect(byTask.approve).toEqual([
      ["Approvals", "2", "1"],
      ["Approver level", "Admin", "Write"],
    ]);
    expect(byTask.wait).toEqual([["Delay", "5 s", "1.5 min"]]);
    expect(byTask.confirm).toEqual([["Instructions", "Confirm the release notes.", "Confirm the notes and the version."]]);
    expect(summarizeDiff(diffDefinitions(before, after))).toBe("4 tasks changed");
  });

  it("shows a new executor kind with the fields on both sides", () => {
    const after = clone(before);
    taskOf(after, "wait").executor = { kind: "http", method: "GET", url: "https://example.com", headers: {} };
    const changed = diffDefinitions(before, after).stages.changed[0]!.tasks.changed[0]!;
    expect(changed.changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Executor", "Delay", "HTTP request"],
      ["URL", "none", "https://example.com"],
      ["Method", "none", "GET"],
      ["Headers", "none", "{}"],
      ["Delay", "5 s", "none"],
    ]);
  });

  it("names a human task's executor", () => {
    const after = clone(before);
    taskOf(after, "wait").executor = { kind: "human", instructions: "" };
    const changed = diffDefinitions(before, after).stages.changed[0]!.tasks.changed[0]!;
    expect(changed.changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Executor", "Delay", "Human task"],
      ["Delay", "5 s", "none"],
    ]);
  });

  it("shows an agent task's budget in words, and absent and null as the same none", () => {
    const after = clone(before);
    taskOf(after, "analyze").budget = { maxCostUsd: 2, maxTokens: null };
    const changes = (a: typeof before, b: typeof before) =>
      diffDefinitions(a, b).stages.changed[0]!.tasks.changed[0]!.changes.map((c) => [c.label, c.before, c.after]);
    expect(changes(before, after)).toEqual([["Budget", "none", "$2.00"]]);
    const cleared = clone(after);
    taskOf(cleared, "analyze").budget = null;
    expect(changes(after, cleared)).toEqual([["Budget", "$2.00", "none"]]);
    expect(diffDefinitions(before, cleared).empty).toBe(true);
    expect(summarizeDiff(diffDefinitions(before, after))).toBe("1 task changed");
  });

  it("ignores key order inside JSON values", () => {
    const after = clone(before);
    const a = taskOf(after, "analyze");
    a.inputSchema = { properties: { diff: { type: "string" } }, type: "object" };
    expect(diffDefinitions(before, after).empty).toBe(true);
  });
});

describe("formatBudget", () => {
  it("reads dollars with cents (more digits only when set), tokens with separators, and none", () => {
    expect(formatBudget({ maxCostUsd: 0.5, maxTokens: 20_000 })).toBe("$0.50 / 20,000 tokens");
    expect(formatBudget({ maxCostUsd: 1500, maxTokens: null })).toBe("$1,500.00");
    expect(formatBudget({ maxCostUsd: 0.005, maxTokens: null })).toBe("$0.005");
    expect(formatBudget({ maxCostUsd: null, maxTokens: 1 })).toBe("1 token");
    expect(formatBudget({ maxCostUsd: 0, maxTokens: null })).toBe("$0.00");
    expect(formatBudget(null)).toBe("none");
    expect(formatBudget(undefined)).toBe("none");
  });
});

describe("tasks added and removed", () => {
  it("lists them by id and name", () => {
    const after = clone(before);
    const g = graphOf(after);
    g.tasks = g.tasks.filter((t) => t.id !== "wait");
    g.edges = g.edges.filter((e) => e.to !== "wait");
    g.tasks.push(task("lint", { name: "Lint" }));
    const d = diffDefinitions(before, after);
    const t = d.stages.changed[0]!.tasks;
    expect(t.added).toEqual([{ id: "lint", name: "Lint" }]);
    expect(t.removed).toEqual([{ id: "wait", name: "Wait" }]);
    expect(t.edgesRemoved).toEqual([{ from: "shape", to: "wait", label: "Shape → Wait", condition: "always" }]);
    expect(summarizeDiff(d)).toBe("1 task added, 1 removed, 1 connection removed");
  });
});

describe("edges added, removed and re-conditioned", () => {
  it("lists each with task names and the condition in words", () => {
    const after = clone(before);
    const g = graphOf(after);
    g.edges = g.edges.filter((e) => e.to !== "notify");
    g.edges.push({ from: "shape", to: "notify", condition: { left: "{{previous_output.summary}}", op: "contains", value: "LGTM" } });
    g.edges[0]!.condition = null;
    const t = diffDefinitions(before, after).stages.changed[0]!.tasks;
    expect(t.edgesAdded).toEqual([
      { from: "shape", to: "notify", label: "Shape → Notify", condition: '{{previous_output.summary}} contains "LGTM"' },
    ]);
    expect(t.edgesRemoved).toEqual([{ from: "approve", to: "notify", label: "Approve → Notify", condition: "always" }]);
    expect(t.edgesChanged).toEqual([
      {
        from: "analyze",
        to: "approve",
        label: "Analyze diff → Approve",
        changes: [{ field: "condition", label: "Condition", before: "{{previous_output.ok}} equals true", after: "always" }],
      },
    ]);
    expect(t.added).toEqual([]);
    expect(t.changed).toEqual([]);
  });
});

describe("a summary of several kinds of change", () => {
  it("names stages then tasks, the noun once per group", () => {
    const after = clone(before);
    after.stages.splice(0, 1, newStage(STAGE_IDS.extra, "HUMAN", "Inbox"), newStage(STAGE_IDS.other, "HUMAN", "Triage"));
    for (const id of ["analyze", "approve", "shape"]) taskOf(after, id).name += " (v2)";
    expect(summarizeDiff(diffDefinitions(before, after))).toBe("2 stages added, 1 removed, 3 tasks changed");
  });
});
