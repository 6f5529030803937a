import { describe, expect, it } from "vitest";
import { definitionOf, newStage } from "@/lib/workflows/definition";
import { addTask, connect, makeTask, setEdgeCondition, updateTask } from "../edits";
import { indexIssues } from "../issues";
import { DeriveCache, type TaskFlowEdge, type TaskFlowNode, conditionLabel, taskEdges, taskNodes } from "./derive";

const S = "00000000-0000-4000-8000-000000000002";
const none = new Set<string>();

function build(n: number) {
  let d = definitionOf([newStage(S, "AUTOMATION", "Build")]);
  for (let i = 0; i < n; i++) d = addTask(d, S, makeTask(`t${i}`, `T${i}`, { kind: "delay", ms: 1 }, { x: i * 10, y: 0 }));
  for (let i = 1; i < n; i++) d = connect(d, S, `t${i - 1}`, `t${i}`);
  return d;
}
const graphOf = (d: ReturnType<typeof build>) => d.stages[0]!.taskGraph!;

describe("nodes derived for an edit", () => {
  it("are the same objects for untouched tasks and new ones for the edited, newly invalid or selected task", () => {
    const cache = new DeriveCache<TaskFlowNode>();
    const d = build(50);
    const before = taskNodes(cache, S, graphOf(d), indexIssues([]), none);
    const edited = updateTask(d, S, "t3", { name: "Three" });
    const issues = indexIssues([{ path: "x", message: "Broken", stageId: S, taskId: "t7" }]);
    const after = taskNodes(cache, S, graphOf(edited), issues, new Set(["t9"]));
    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed).toEqual(["t3", "t7", "t9"]);
    expect(after[7]!.data.issues).toEqual(["Broken"]);
    expect(after[9]!.selected).toBe(true);
  });

  it("keeps untouched edges and labels a conditional one", () => {
    const cache = new DeriveCache<TaskFlowEdge>();
    const d = build(5);
    const before = taskEdges(cache, S, graphOf(d), indexIssues([]), none);
    const cond = setEdgeCondition(d, S, "t1->t2", { left: "{{previous_output.score}}", op: "greater_than", value: 3 });
    const after = taskEdges(cache, S, graphOf(cond), indexIssues([]), none);
    expect(after.filter((e, i) => e !== before[i]).map((e) => e.id)).toEqual(["t1->t2"]);
    expect(after[1]!.label).toBe("score > 3");
  });
});

describe("condition labels", () => {
  it("shorten references and leave out the value of unary operators", () => {
    expect(conditionLabel({ left: "{{previous_output}}", op: "truthy" })).toBe("output is truthy");
    expect(conditionLabel({ left: "{{item.data.kind}}", op: "equals", value: "bug" })).toBe('item.data.kind = "bug"');
  });
});
