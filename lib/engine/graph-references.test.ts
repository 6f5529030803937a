import { describe, expect, it } from "vitest";
import { validateTaskGraph } from "./graph";
import type { Task, TaskGraph } from "./graph-schema";
import { chain, describeIssues, edge, graph, objectSchema, task } from "./testing";

const issues = (g: TaskGraph) => describeIssues(validateTaskGraph(g));
/** `review` (output: risk, summary) → `use`, with `use` reading `text` from its input. */
const reading = (text: string, review: Partial<Task> = {}) =>
  issues(graph([task("review", { outputSchema: objectSchema("risk", "summary"), ...review }), task("use", { input: { x: text } })], [edge("review", "use")]));

describe("previous_output without an earlier task", () => {
  it("says it is empty and how to fix it", () => {
    expect(issues(graph([task("first", { input: { x: "{{previous_output}}" } })]))).toEqual([
      "first input.x: “First” has no earlier task, so {{previous_output}} is empty; connect a task before it or reference item.data.",
    ]);
  });
});

describe("previous_output with one earlier task", () => {
  it("accepts the whole output and the fields its output schema declares", () => {
    expect(reading("{{previous_output}} {{previous_output.risk}} {{ previous_output.summary }}")).toEqual([]);
  });

  it("rejects a field the output schema does not declare, listing the ones it does", () => {
    expect(reading("{{previous_output.score}}")).toEqual([
      "use input.x: “Use” uses {{previous_output.score}}, but the output of “Review” has no field “score” (its output schema lists risk, summary).",
    ]);
  });

  it("checks nested fields and array items too", () => {
    const outputSchema = {
      type: "object",
      properties: { findings: { type: "array", items: objectSchema("file") } },
    };
    expect(reading("{{previous_output.findings.0.file}}", { outputSchema })).toEqual([]);
    expect(reading("{{previous_output.findings.0.line}}", { outputSchema })[0]).toContain("has no field “line” (its output schema lists file)");
  });

  it("accepts any field when the schema allows more, or there is no schema", () => {
    expect(reading("{{previous_output.score}}", { outputSchema: { ...objectSchema("risk"), additionalProperties: true } })).toEqual([]);
    expect(reading("{{previous_output.score}}", { outputSchema: null })).toEqual([]);
  });
});

describe("previous_output with several earlier tasks", () => {
  const g = (text: string) =>
    issues(
      graph(
        [task("review", { outputSchema: objectSchema("risk") }), task("lint"), task("merge", { input: { x: text } })],
        [edge("review", "merge"), edge("lint", "merge")],
      ),
    );

  it("is keyed by their ids, each checked against that task's schema", () => {
    expect(g("{{previous_output}} {{previous_output.review.risk}} {{previous_output.lint.anything}}")).toEqual([]);
    expect(g("{{previous_output.review.score}}")[0]).toContain("the output of “Review” has no field “score”");
  });

  it("rejects a first field that is not one of their ids", () => {
    expect(g("{{previous_output.risk}}")).toEqual([
      "merge input.x: “Merge” uses {{previous_output.risk}}, but with several earlier tasks {{previous_output}} is keyed by their ids (review, lint); “risk” is not one of them.",
    ]);
  });
});

describe("tasks.<id>.output", () => {
  const tasks = [task("a", { outputSchema: objectSchema("ok") }), task("b"), task("c"), task("side")];
  const g = (text: string) => issues(graph([...tasks, task("use", { input: { x: text } })], [...chain("a", "b", "c", "use"), edge("a", "side")]));

  it("accepts a task upstream of the reader, however far", () => {
    expect(g("{{tasks.a.output}} {{tasks.a.output.ok}} {{tasks.c.output}}")).toEqual([]);
  });

  it("rejects a task that does not exist", () => {
    expect(g("{{tasks.ghost.output}}")).toEqual(["use input.x: “Use” references task “ghost”, which does not exist."]);
  });

  it("rejects a task that does not run before the reader, itself included", () => {
    expect(g("{{tasks.side.output}}")).toEqual([
      "use input.x: “Use” references “Side”, which does not run before it; connect “Side” upstream of “Use”.",
    ]);
    expect(g("{{tasks.use.output}}")[0]).toContain("“Use” references “Use”, which does not run before it");
  });

  it("checks the field against the task's output schema", () => {
    expect(g("{{tasks.a.output.nope}}")[0]).toContain("the output of “A” has no field “nope” (its output schema lists ok)");
  });
});

describe("tasks.<id>.output in larger graphs", () => {
  it("knows the order across many tasks, both ways", () => {
    const ids = Array.from({ length: 70 }, (_, i) => `t${i}`);
    const g = (reader: number, target: number) =>
      issues(graph(ids.map((id, i) => task(id, i === reader ? { input: { x: `{{tasks.t${target}.output}}` } } : {})), chain(...ids)));
    expect(g(66, 3)).toEqual([]);
    expect(g(3, 66)).toEqual([
      "t3 input.x: “T3” references “T66”, which does not run before it; connect “T66” upstream of “T3”.",
    ]);
  });

  it("still resolves for tasks behind a cycle", () => {
    const g = graph(
      [task("a"), task("b"), task("c"), task("d", { input: { x: "{{tasks.a.output}} {{tasks.side.output}}" } }), task("side")],
      [...chain("a", "b", "c", "b"), edge("c", "d"), edge("a", "side")],
    );
    expect(describeIssues(validateTaskGraph(g)).filter((l) => l.startsWith("d input"))).toEqual([
      "d input.x: “D” references “Side”, which does not run before it; connect “Side” upstream of “D”.",
    ]);
  });
});

describe("item, run and unknown references", () => {
  const one = (text: string) => issues(graph([task("t", { input: { x: text } })]));

  it("accepts item fields, item.data and run.input at any depth", () => {
    expect(one("{{item.id}} {{item.title}} {{item.description}} {{item.priority}} {{item.assignee}} {{item.stage}}")).toEqual([]);
    expect(one("{{item.data}} {{item.data.ref.sha}} {{run.input}} {{run.input.a.b}}")).toEqual([]);
  });

  it("says what to use instead of an unknown reference, once per text", () => {
    expect(one("{{foo}} and {{foo}} and {{item.secret}}")).toEqual([
      "t input.x: “T” uses an unknown reference {{foo}}. Use previous_output, tasks.<id>.output, item.data or run.input.",
      "t input.x: “T” uses an unknown reference {{item.secret}}. Use previous_output, tasks.<id>.output, item.data or run.input.",
    ]);
  });

  it("reports a {{ that is never closed", () => {
    expect(one("Hello {{item.title")).toEqual(["t input.x: “T” has a “{{” that is never closed (at “{{item.title”); close it with “}}”."]);
  });

  it("keeps output and loop.iteration for loop conditions", () => {
    expect(one("{{output.done}} {{loop.iteration}}")).toEqual([
      "t input.x: “T” uses {{output.done}}, which only exists in a loop condition; use tasks.<id>.output to read a task's output.",
      "t input.x: “T” uses {{loop.iteration}}, which only exists in a loop condition; use tasks.<id>.output to read a task's output.",
    ]);
  });
});

describe("where references are read", () => {
  it("checks input deep, agent prompts, http url/headers/body and transform output, each on its own field", () => {
    const bad = "{{nope}}";
    const g = graph([
      task("agent", { executor: { kind: "agent", role: "r", prompt: bad }, input: { list: ["ok", { deep: bad }] } }),
      task("call", { executor: { kind: "http", method: "POST", url: `https://x.test/${bad}`, headers: { auth: bad }, body: { ref: bad } } }),
      task("shape", { executor: { kind: "transform", output: { summary: [bad] } } }),
      task("wait", { executor: { kind: "approval", approvals: 1, level: "WRITE", instructions: bad } }),
    ], chain("agent", "call", "shape", "wait"));
    expect(validateTaskGraph(g).map((i) => `${i.taskId} ${i.field}`)).toEqual([
      "agent input.list.1.deep",
      "agent executor.prompt",
      "call executor.url",
      "call executor.headers.auth",
      "call executor.body.ref",
      "shape executor.output.summary.0",
    ]);
  });
});
