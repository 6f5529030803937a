import { describe, expect, it } from "vitest";
import { issuesByEdge, issuesByTask, validateTaskGraph } from "./graph";
import type { Task } from "./graph-schema";
import { chain, edge, graph, objectSchema, task } from "./testing";

describe("a realistic review graph", () => {
  it("has no issues", () => {
    const review = { type: "object", required: ["risk"], properties: { risk: { type: "string", enum: ["low", "high"] }, summary: { type: "string" } } };
    const g = graph(
      [
        task("collect", { executor: { kind: "transform", output: { ref: "{{item.data.ref}}", title: "{{item.title}}" } } }),
        task("review", {
          executor: { kind: "agent", role: "reviewer", prompt: "Review {{previous_output.ref}} for {{ run.input.reason }}." },
          input: { change: "{{previous_output}}" },
          inputSchema: { type: "object", required: ["change"], properties: { change: { type: "object" } } },
          outputSchema: review,
          timeoutMs: 600_000,
          loop: { until: { left: "{{output.risk}}", op: "equals", value: "low" }, maxIterations: 3 },
        }),
        task("gate", { executor: { kind: "approval", approvals: 1, level: "ADMIN" } }),
        task("summary", { executor: { kind: "transform", output: { risk: "{{tasks.review.output.risk}}", gate: "{{previous_output.gate}}" } } }),
        task("notify", { executor: { kind: "http", method: "POST", url: "https://hooks.example.com/{{item.id}}", headers: { "x-risk": "{{tasks.review.output.risk}}" }, body: "{{previous_output}}" } }),
      ],
      [
        edge("collect", "review"),
        edge("review", "gate", { left: "{{previous_output.risk}}", op: "equals", value: "high" }),
        edge("review", "summary"),
        edge("gate", "summary"),
        edge("summary", "notify"),
      ],
    );
    expect(validateTaskGraph(g)).toEqual([]);
  });
});

describe("issuesByTask and issuesByEdge", () => {
  it("group issues by the task or connection they are placed on", () => {
    const g = graph([task("a", { name: "" }), task("b", { input: { x: "{{nope}}" } })], [edge("a", "b"), edge("a", "b"), edge("b", "ghost")]);
    const issues = validateTaskGraph(g);
    const byTask = issuesByTask(issues);
    expect([...byTask.keys()].sort()).toEqual(["a", "b"]);
    expect(byTask.get("b")!.map((i) => i.field)).toEqual(["input.x"]);
    expect([...issuesByEdge(issues).keys()].sort()).toEqual(["a->b", "b->ghost"]);
  });
});

describe("a designer-sized graph", () => {
  // Its speed is a bench figure (`npm run bench`, designer rows), not a test.
  it("finds nothing wrong in 500 well-formed tasks and 600 edges", () => {
    const n = 500;
    const ids = Array.from({ length: n }, (_, i) => `t${i}`);
    const tasks: Task[] = ids.map((id, i) =>
      task(id, {
        outputSchema: objectSchema("value", "note"),
        inputSchema: { type: "object", required: ["a"], properties: { a: {} } },
        input: { a: i > 0 ? `{{previous_output}} {{tasks.t0.output.value}} {{tasks.t${Math.floor(i / 2)}.output.note}}` : "{{item.data}}" },
      }),
    );
    const edges = [...chain(...ids)];
    for (let i = 0; edges.length < 600; i += 4) edges.push(edge(ids[i]!, ids[i + 3]!));
    const g = graph(tasks, edges);
    expect(validateTaskGraph(g)).toEqual([]);
  });
});
