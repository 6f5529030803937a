import { describe, expect, it } from "vitest";
import { parseExpression } from "./references";
import { type RenderContext, completedOutputs, contextFor, edgeContext, renderTemplate, resolveReference } from "./render";
import { NO_SCOPE, states } from "./run-testing";
import { edge, graph, task } from "./testing";

const item = { id: "i1", title: "Fix login", description: "It breaks", priority: "high", assignee: null, stage: "build", data: { ref: "PR-7", tags: ["a", "b"] } };
const ctx: RenderContext = {
  previousOutput: { risk: "low", score: 0.7, findings: [{ file: "a.ts" }, { file: "b.ts" }], ok: true, none: null },
  tasks: { review: { risk: "high" }, count: 3 },
  item,
  runInput: { repo: "tandem", n: 2 },
};
const ref = (expr: string) => resolveReference(parseExpression(expr)!, ctx);
const render = (value: unknown, c: RenderContext = ctx) => renderTemplate(value, c);

describe("resolving a reference", () => {
  it("reads every scope of the grammar", () => {
    expect(ref("previous_output")).toBe(ctx.previousOutput);
    expect(ref("previous_output.risk")).toBe("low");
    expect(ref("tasks.review.output")).toEqual({ risk: "high" });
    expect(ref("tasks.review.output.risk")).toBe("high");
    expect(ref("tasks.count.output")).toBe(3);
    expect(ref("item.title")).toBe("Fix login");
    expect(ref("item.assignee")).toBeNull();
    expect(ref("item.data")).toEqual(item.data);
    expect(ref("item.data.ref")).toBe("PR-7");
    expect(ref("run.input")).toEqual({ repo: "tandem", n: 2 });
    expect(ref("run.input.repo")).toBe("tandem");
  });

  it("indexes arrays with numeric segments", () => {
    expect(ref("previous_output.findings.1.file")).toBe("b.ts");
    expect(ref("item.data.tags.0")).toBe("a");
    expect(ref("previous_output.findings.2")).toBeUndefined();
  });

  it("answers undefined for anything missing", () => {
    expect(ref("previous_output.nope")).toBeUndefined();
    expect(ref("previous_output.risk.deeper")).toBeUndefined();
    expect(ref("tasks.later.output")).toBeUndefined();
    expect(ref("previous_output.findings.length")).toBeUndefined();
    expect(ref("previous_output.constructor")).toBeUndefined();
    expect(ref("tasks.constructor.output")).toBeUndefined();
    expect(resolveReference(parseExpression("item.title")!, { ...ctx, item: null })).toBeUndefined();
  });

  it("reads output and loop.iteration where a loop condition provides them", () => {
    const loop = { ...ctx, output: { done: true }, loopIteration: 2 };
    expect(resolveReference(parseExpression("output.done")!, loop)).toBe(true);
    expect(resolveReference(parseExpression("loop.iteration")!, loop)).toBe(2);
    expect(ref("loop.iteration")).toBeUndefined();
  });
});

describe("rendering a template", () => {
  it("renders a lone reference to the value itself, of any JSON type", () => {
    expect(render("{{previous_output.findings}}")).toEqual([{ file: "a.ts" }, { file: "b.ts" }]);
    expect(render("{{previous_output.score}}")).toBe(0.7);
    expect(render("{{previous_output.ok}}")).toBe(true);
    expect(render("  {{ run.input.n }}\n")).toBe(2);
  });

  it("renders a lone reference to nothing as null", () => {
    expect(render("{{previous_output.nope}}")).toBeNull();
    expect(render("{{previous_output.none}}")).toBeNull();
  });

  it("interpolates references inside other text", () => {
    expect(render("Review {{item.title}} ({{item.data.ref}})")).toBe("Review Fix login (PR-7)");
    expect(render("score {{previous_output.score}}, ok {{previous_output.ok}}")).toBe("score 0.7, ok true");
    expect(render("files: {{previous_output.findings}}")).toBe('files: [{"file":"a.ts"},{"file":"b.ts"}]');
    expect(render("[{{previous_output.none}}|{{previous_output.nope}}|{{item.assignee}}]")).toBe("[||]");
    expect(render("{{item.title}}{{run.input.n}}")).toBe("Fix login2");
  });

  it("leaves unknown and unclosed braces as written", () => {
    expect(render("{{nope}}")).toBe("{{nope}}");
    expect(render("a {{ item.secret }} b {{item.title}}")).toBe("a {{ item.secret }} b Fix login");
    expect(render("{{item.title")).toBe("{{item.title");
    expect(render("{{item.title {{run.input.n}}")).toBe("{{item.title 2");
    expect(render("no braces {here}")).toBe("no braces {here}");
  });

  it("never renders a rendered value again", () => {
    const c = { ...ctx, previousOutput: { text: "{{run.input.repo}}" } };
    expect(render("{{previous_output.text}}", c)).toBe("{{run.input.repo}}");
    expect(render("say {{previous_output.text}}", c)).toBe("say {{run.input.repo}}");
  });

  it("renders arrays and objects deep, leaving keys and other values alone", () => {
    const template = { "{{item.title}}": ["{{run.input.n}}", { deep: "#{{item.data.ref}}" }], n: 1, f: false, z: null };
    expect(render(template)).toEqual({ "{{item.title}}": [2, { deep: "#PR-7" }], n: 1, f: false, z: null });
  });
});

describe("the context a task renders in", () => {
  const g = graph(
    [task("a"), task("b"), task("c"), task("solo"), task("root")],
    [edge("a", "c"), edge("b", "c"), edge("a", "solo"), edge("root", "a"), edge("root", "b")],
  );
  const s = states({ root: "completed", a: ["completed", { x: 1 }], b: "skipped", c: "running", solo: ["pending", "stale"] });

  it("gives a task with one dependency that task's output", () => {
    expect(contextFor(g, s, "solo", NO_SCOPE).previousOutput).toEqual({ x: 1 });
  });

  it("keys previous_output by dependency when there are several, null for one that was skipped", () => {
    expect(contextFor(g, s, "c", NO_SCOPE).previousOutput).toEqual({ a: { x: 1 }, b: null });
  });

  it("gives a task without dependencies null", () => {
    expect(contextFor(g, s, "root", NO_SCOPE).previousOutput).toBeNull();
  });

  it("lets tasks.<id> see completed tasks only, and passes the run's scope on", () => {
    const scope = { runInput: { n: 1 }, item };
    const c = contextFor(g, s, "c", scope);
    expect(c.tasks).toEqual({ root: null, a: { x: 1 } });
    expect(c.runInput).toEqual({ n: 1 });
    expect(c.item).toBe(item);
    expect(completedOutputs(s)).toEqual({ root: null, a: { x: 1 } });
  });

  it("gives a connection's condition its source's output as previous_output", () => {
    const c = edgeContext(g, s, edge("a", "c"), NO_SCOPE);
    expect(c.previousOutput).toEqual({ x: 1 });
    expect(c.tasks).toEqual({ root: null, a: { x: 1 } });
  });
});
