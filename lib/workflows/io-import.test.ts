import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY } from "@/lib/engine/graph-schema";
import { exportWorkflow, parseImport } from "./io";
import { readDescriptor } from "./io-descriptor";
import { sampleDefinition } from "./testing-definitions";

const json = (v: unknown) => JSON.stringify(v, null, 2);
const problemsOf = (text: string) => {
  const r = parseImport(text);
  if (r.ok) throw new Error("expected the import to be refused");
  expect(Object.keys(r)).toEqual(["ok", "problems"]);
  return r.problems;
};
const descriptorGraph = (text: string) => {
  const r = parseImport(text);
  if (!r.ok || r.kind !== "descriptor") throw new Error(JSON.stringify(r));
  return r;
};

/** The wrapped shape of the extension descriptor in the reference guide (section 2). */
const extensionDescriptor = {
  id: "workflow.code_review.v1",
  kind: "workflow",
  payload: {
    definition: {
      id: "code_review",
      version: "1.0.0",
      displayName: "Code Review",
      goalSchema: { type: "object" },
      roles: [
        {
          roleId: "reviewer",
          displayName: "Reviewer",
          personaId: "code_pilot",
          evolutionRules: [{ id: "stay-focused", trigger: "always", patch: { mood: "focused" } }],
          personaCapabilityRequirements: ["code.review"],
        },
      ],
      tasks: [
        {
          id: "analyze_diff",
          name: "Analyze Diff",
          executor: { type: "gmi", roleId: "reviewer" },
          dependsOn: [],
          inputSchema: { type: "object" },
          outputSchema: { type: "object", properties: { notes: { type: "string" } } },
          policyTags: ["guardrail.secure_outputs"],
          handoff: { summary: true },
        },
        { id: "sign_off", name: "Sign off", executor: { type: "human" }, dependsOn: ["analyze_diff"] },
      ],
      requiresConversationContext: false,
    },
    metadata: { pack: "@framers/automation-samples" },
  },
  priority: 0,
};

describe("a descriptor in the extension's wrapped shape", () => {
  it("imports its roles, tasks and dependencies", () => {
    const r = descriptorGraph(json(extensionDescriptor));
    expect(r.name).toBe("Code Review");
    expect(r.graph.roles).toEqual([{ id: "reviewer", name: "Reviewer", capabilities: ["code.review"] }]);
    expect(r.graph.tasks[0]).toMatchObject({
      id: "analyze_diff",
      name: "Analyze Diff",
      executor: { kind: "agent", role: "reviewer" },
      input: {},
      retry: DEFAULT_RETRY,
      timeoutMs: null,
      inputSchema: { type: "object" },
      policyTags: ["guardrail.secure_outputs"],
      loop: null,
    });
    expect(r.graph.tasks[1]).toMatchObject({ id: "sign_off", executor: { kind: "human", instructions: "" }, policyTags: [], outputSchema: null });
    expect(r.graph.edges).toEqual([{ from: "analyze_diff", to: "sign_off", condition: null }]);
  });

  it("also imports when wrapped only in “definition”", () => {
    const r = descriptorGraph(json({ definition: extensionDescriptor.payload.definition }));
    expect(r.graph.tasks.map((t) => t.id)).toEqual(["analyze_diff", "sign_off"]);
  });
});

describe("a descriptor using other engines' field names", () => {
  it("maps them onto our executors, retry and timeout", () => {
    const r = descriptorGraph(
      json({
        id: "ops",
        roles: [{ id: "ops", name: "Operator", capabilities: [] }],
        tasks: [
          { id: "ask", executor: { type: "agent", role: "ops" }, retry: { attempts: 5, backoff: "linear", delayMs: 200 }, timeoutSeconds: 30 },
          { id: "call", executor: { type: "http", url: "https://example.com", method: "put" }, dependsOn: ["ask"] },
          { id: "map", executor: { type: "transform", mapping: { a: 1 } }, dependsOn: ["ask"] },
          { id: "pause", executor: { type: "delay", seconds: 1.5 }, dependsOn: ["call", "map"] },
          { id: "post", executor: { type: "http", url: "https://example.com" }, dependsOn: ["pause"] },
        ],
      }),
    );
    expect(r.name).toBe("ops");
    const byId = Object.fromEntries(r.graph.tasks.map((t) => [t.id, t]));
    expect(byId.ask).toMatchObject({ name: "ask", retry: { maxAttempts: 5, backoff: "fixed", initialDelayMs: 200 }, timeoutMs: 30_000 });
    expect(byId.call!.executor).toEqual({ kind: "http", url: "https://example.com", method: "PUT", headers: {} });
    expect(byId.post!.executor).toMatchObject({ method: "POST" });
    expect(byId.map!.executor).toEqual({ kind: "transform", output: { a: 1 } });
    expect(byId.pause!.executor).toEqual({ kind: "delay", ms: 1_500 });
    expect(byId.pause!.position).toEqual({ x: 520, y: 0 });
  });
});

describe("a descriptor's human steps", () => {
  it("are human tasks with their instructions, or approvals when they set an approval's fields", () => {
    const r = descriptorGraph(
      json({
        displayName: "x",
        tasks: [
          { id: "write", executor: { type: "human", instructions: "Write the summary." } },
          { id: "sign", executor: { type: "Human", approvals: 2 }, dependsOn: ["write"] },
          { id: "ok", executor: { type: "approval" }, dependsOn: ["sign"] },
        ],
      }),
    );
    expect(r.graph.tasks.map((t) => t.executor)).toEqual([
      { kind: "human", instructions: "Write the summary." },
      { kind: "approval", approvals: 2, level: "WRITE" },
      { kind: "approval", approvals: 1, level: "WRITE" },
    ]);
  });

  it("refuse instructions that are not text, at the file's path", () => {
    const problems = problemsOf(json({ displayName: "x", tasks: [{ id: "a", executor: { type: "human", instructions: 7 } }] }));
    expect(problems.map((p) => p.path)).toEqual(["tasks.0.executor.instructions"]);
  });
});

describe("a descriptor's own timeout", () => {
  const tasks = [{ id: "a", executor: { type: "delay", ms: 1 } }];

  it("is the stage's run timeout, in milliseconds or seconds", () => {
    expect(descriptorGraph(json({ displayName: "x", timeoutMs: 90_000, tasks })).runTimeoutMs).toBe(90_000);
    expect(descriptorGraph(json({ displayName: "x", timeoutSeconds: 1.5, tasks })).runTimeoutMs).toBe(1_500);
    expect(descriptorGraph(json({ displayName: "x", timeoutMs: null, tasks }))).toHaveProperty("runTimeoutMs", null);
  });

  it("is left out when the file does not set one, so a stage it goes into keeps its own", () => {
    expect(descriptorGraph(json({ displayName: "x", tasks }))).not.toHaveProperty("runTimeoutMs");
  });

  it("is refused out of range, at the file's own field", () => {
    expect(problemsOf(json({ displayName: "x", timeoutMs: 10, tasks }))).toEqual([
      { path: "timeoutMs", message: "A run timeout is at least 1 second (1000 ms); use null for no timeout." },
    ]);
    expect(problemsOf(json({ displayName: "x", timeoutSeconds: 31 * 86_400, tasks })).map((p) => p.path)).toEqual(["timeoutSeconds"]);
    const wrapped = { payload: { definition: { displayName: "x", timeoutMs: "soon", tasks } } };
    expect(problemsOf(json(wrapped)).map((p) => p.path)).toEqual(["payload.definition.timeoutMs"]);
  });
});

describe("budgets and policy tags in a descriptor", () => {
  const agent = (over: Record<string, unknown> = {}) => ({ id: "a", executor: { type: "agent", roleId: "dev" }, ...over });

  it("read a task's budget, filling the limit it leaves out", () => {
    const r = descriptorGraph(json({ displayName: "x", tasks: [agent({ budget: { maxCostUsd: 1 } })] }));
    expect(r.graph.tasks[0]!.budget).toEqual({ maxCostUsd: 1, maxTokens: null });
  });

  it("refuse a task budget with no limit, or a negative one, at the file's path", () => {
    expect(problemsOf(json({ displayName: "x", tasks: [agent({ budget: { maxCostUsd: null, maxTokens: null } })] }))).toEqual([
      { path: "tasks.0.budget", message: "A budget sets a cost, a number of tokens, or both." },
    ]);
    const wrapped = { definition: { displayName: "x", tasks: [{ id: "z", executor: {} }, agent({ budget: { maxTokens: -5 } })] } };
    expect(problemsOf(json(wrapped)).map((p) => p.path)).toEqual(["definition.tasks.0.executor.type", "definition.tasks.1.budget.maxTokens"]);
  });

  it("read the stage's tags and run budget from the top, undefined when the file does not say", () => {
    const tasks = [agent()];
    expect(readDescriptor({ tasks, policyTags: ["secrets"], budget: { maxCostUsd: 0.5, maxTokens: null } }, "")).toMatchObject({
      policyTags: ["secrets"],
      budget: { maxCostUsd: 0.5, maxTokens: null },
    });
    const none = readDescriptor({ tasks }, "");
    expect(none.policyTags).toBeUndefined();
    expect(none.budget).toBeUndefined();
  });

  it("import them as the stage's settings, only those the file sets, and refuse a bad stage budget at its path", () => {
    const set = parseImport(json({ displayName: "x", tasks: [agent()], policyTags: ["secrets"], budget: { maxTokens: 5_000 } }));
    if (!set.ok || set.kind !== "descriptor") throw new Error(JSON.stringify(set));
    expect([set.policyTags, set.budget]).toEqual([["secrets"], { maxCostUsd: null, maxTokens: 5_000 }]);
    const unset = parseImport(json({ displayName: "x", tasks: [agent()] }));
    if (!unset.ok || unset.kind !== "descriptor") throw new Error(JSON.stringify(unset));
    expect("policyTags" in unset || "budget" in unset).toBe(false);
    expect(problemsOf(json({ displayName: "x", tasks: [agent()], budget: { maxCostUsd: -1 } })).map((p) => p.path)).toEqual(["budget.maxCostUsd"]);
  });
});

describe("a Tandem export written before run settings existed", () => {
  it("imports with no run timeouts and no limit of runs at a time", () => {
    const file = exportWorkflow({ name: "x", description: "", version: 1 }, sampleDefinition()) as unknown as { definition: Record<string, unknown> };
    const old = JSON.parse(json(file));
    delete old.definition.settings;
    for (const s of old.definition.stages) delete s.runTimeoutMs;
    const r = parseImport(json(old));
    if (!r.ok || r.kind !== "tandem") throw new Error(JSON.stringify(r));
    expect(r.definition.settings).toEqual({ maxConcurrentRuns: null, requiredSecrets: [] });
    expect(r.definition.stages.map((s) => s.runTimeoutMs)).toEqual([null, null, null]);
  });
});

describe("a file that is not JSON", () => {
  it("gives one problem with the line and column", () => {
    const problems = problemsOf('{\n  "tasks": [1,]\n}');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("");
    expect(problems[0]!.message).toMatch(/^This file is not valid JSON: .+ \(line 2, column 15\)\.$/);
  });

  it("places an unterminated object at the end", () => {
    const [p] = problemsOf('{"a": 1');
    expect(p!.message).toContain("(line 1, column 8)");
  });
});

describe("a file of some other kind", () => {
  it("says what was expected", () => {
    for (const text of ["[]", '{"name": "x"}', '"tasks"']) {
      expect(problemsOf(text)).toEqual([
        {
          path: "",
          message: "This file is neither a Tandem workflow export nor a workflow descriptor (expected “format”: “tandem.workflow” or a “tasks” list).",
        },
      ]);
    }
  });
});

describe("a Tandem export of an unknown format version", () => {
  it("is refused at formatVersion", () => {
    const file = { ...exportWorkflow({ name: "x", description: "", version: 1 }, sampleDefinition()), formatVersion: 2 };
    const problems = problemsOf(json(file));
    expect(problems.map((p) => p.path)).toEqual(["formatVersion"]);
    expect(problems[0]!.message).toContain("version 2");
  });
});

describe("a Tandem export with structural errors", () => {
  it("reports every zod issue under definition.*", () => {
    const def = sampleDefinition();
    def.stages[0]!.name = "x".repeat(81);
    def.stages[1]!.wipLimit = 0;
    def.stages[1]!.taskGraph!.tasks[0]!.id = "9lives";
    def.stages[1]!.runTimeoutMs = 31 * 86_400_000;
    def.stages[1]!.taskGraph!.tasks[5]!.executor = { kind: "human", instructions: "x".repeat(5_001) };
    def.settings.maxConcurrentRuns = 0;
    const problems = problemsOf(json(exportWorkflow({ name: "x", description: "", version: 1 }, def)));
    expect(problems.map((p) => p.path).sort()).toEqual([
      "definition.settings.maxConcurrentRuns",
      "definition.stages.0.name",
      "definition.stages.1.runTimeoutMs",
      "definition.stages.1.taskGraph.tasks.0.id",
      "definition.stages.1.taskGraph.tasks.5.executor.instructions",
      "definition.stages.1.wipLimit",
    ]);
    const message = (end: string) => problems.find((p) => p.path.endsWith(end))!.message;
    expect(message("wipLimit")).toBe("A WIP limit is at least 1.");
    expect(message("runTimeoutMs")).toBe("A run timeout is at most 30 days (2592000000 ms); use null for no timeout.");
    expect(message("maxConcurrentRuns")).toBe("Runs at a time (maxConcurrentRuns) is at least 1; use null for no limit.");
    expect(message("instructions")).toBe("Keep a human task's instructions under 5,000 characters.");
  });
});

describe("a Tandem export that fails validation", () => {
  it("reports the rule with its path", () => {
    const def = sampleDefinition();
    def.stages[2]!.name = "backlog";
    const problems = problemsOf(json(exportWorkflow({ name: "x", description: "", version: 1 }, def)));
    expect(problems).toEqual([{ path: "definition.stages.2.name", message: expect.stringContaining("Two stages are called") }]);
  });
});

describe("a descriptor with an unknown executor type", () => {
  it("names the supported types at tasks.N.executor.type", () => {
    const d = { displayName: "x", tasks: [{ id: "a", executor: { type: "agent", roleId: "r" } }, { id: "b", executor: { type: "lambda" } }] };
    const problems = problemsOf(json(d));
    expect(problems).toEqual([{ path: "tasks.1.executor.type", message: expect.stringMatching(/“lambda”.*agent.*approval.*http.*transform.*delay/) }]);
  });

  it("prefixes the wrapper's path", () => {
    const wrapped = { payload: { definition: { displayName: "x", tasks: [{ id: "a", executor: { type: "lambda" } }] } } };
    expect(problemsOf(json(wrapped)).map((p) => p.path)).toEqual(["payload.definition.tasks.0.executor.type"]);
  });
});

describe("a descriptor depending on an unknown task", () => {
  it("is refused at tasks.N.dependsOn.M", () => {
    const d = {
      displayName: "x",
      tasks: [
        { id: "a", executor: { type: "delay", ms: 1 } },
        { id: "b", executor: { type: "delay", ms: 1 }, dependsOn: ["a", "ghost"] },
      ],
    };
    expect(problemsOf(json(d))).toEqual([{ path: "tasks.1.dependsOn.1", message: "“b” depends on “ghost”, which is not a task in this file." }]);
  });
});

describe("a descriptor whose tasks form a cycle", () => {
  it("is refused by validation, with a path in the descriptor", () => {
    const d = {
      displayName: "x",
      tasks: [
        { id: "a", executor: { type: "delay", ms: 1 }, dependsOn: ["c"] },
        { id: "b", executor: { type: "delay", ms: 1 }, dependsOn: ["a"] },
        { id: "c", executor: { type: "delay", ms: 1 }, dependsOn: ["b"] },
      ],
    };
    const problems = problemsOf(json(d));
    expect(problems.some((p) => /cycle/i.test(p.message))).toBe(true);
    expect(problems.map((p) => p.path)).toEqual(["tasks.0", "tasks.1", "tasks.2"]);
  });
});

describe("a descriptor with values of the wrong type", () => {
  it("reports zod issues at the file's own field names", () => {
    const d = {
      displayName: "x",
      roles: [{ roleId: "", displayName: "Nobody" }],
      tasks: [
        { id: "a", executor: { type: "human", approvals: 0 } },
        { id: "b", executor: { type: "delay", ms: 1 }, timeoutSeconds: -1, retry: { attempts: 50 } },
        { id: "c", executor: { type: "gmi", role: "" } },
      ],
    };
    const problems = problemsOf(json(d));
    expect(problems.map((p) => p.path).sort()).toEqual([
      "roles.0.roleId",
      "tasks.0.executor.approvals",
      "tasks.1.retry.attempts",
      "tasks.1.timeoutSeconds",
      "tasks.2.executor.roleId",
    ]);
  });
});

describe("a file over 2 MB", () => {
  it("is refused before parsing", () => {
    const problems = problemsOf(`{"tasks": [], "padding": "${"x".repeat(2 * 1024 * 1024)}"}`);
    expect(problems).toEqual([{ path: "", message: expect.stringContaining("larger than 2 MB") }]);
  });
});
