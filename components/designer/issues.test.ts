import { describe, expect, it } from "vitest";
import { definitionOf, newStage } from "@/lib/workflows/definition";
import { addTask, connect, makeTask } from "./edits";
import { fieldMessages, indexIssues, issuesFromFieldErrors, taskKey, unplacedMessages } from "./issues";

const S1 = "00000000-0000-4000-8000-000000000001";
const S2 = "00000000-0000-4000-8000-000000000002";

function definition() {
  let d = definitionOf([newStage(S1, "HUMAN", "To do"), newStage(S2, "AUTOMATION", "Build")]);
  d = addTask(d, S2, makeTask("a", "A", { kind: "delay", ms: 1 }, { x: 0, y: 0 }));
  d = addTask(d, S2, makeTask("b", "B", { kind: "http", method: "GET", url: "", headers: {} }, { x: 0, y: 0 }));
  return connect(d, S2, "a", "b");
}

describe("the server's field errors", () => {
  it("are placed on the stage, task or edge their path names", () => {
    const issues = issuesFromFieldErrors(definition(), {
      "stages.0.name": ["Name it."],
      "stages.1.taskGraph.tasks.1.executor.url": ["Give a URL."],
      "stages.1.taskGraph.edges.0.condition.left": ["Bad reference."],
      "definition.stages.1.wipLimit": ["Too low."],
      stages: ["Too many."],
      "stages.9.name": ["Gone."],
    });
    expect(issues).toEqual([
      { path: "stages.0.name", message: "Name it.", stageId: S1, field: "name" },
      { path: "stages.1.taskGraph.tasks.1.executor.url", message: "Give a URL.", stageId: S2, taskId: "b", field: "executor.url" },
      { path: "stages.1.taskGraph.edges.0.condition.left", message: "Bad reference.", stageId: S2, edge: { from: "a", to: "b" }, field: "condition.left" },
      { path: "stages.1.wipLimit", message: "Too low.", stageId: S2, field: "wipLimit" },
      { path: "stages", message: "Too many." },
      { path: "stages.9.name", message: "Gone." },
    ]);
  });
});

describe("indexing issues", () => {
  it("finds them by stage, task and edge, and by field or parent field", () => {
    const index = indexIssues(
      issuesFromFieldErrors(definition(), {
        "stages.1.taskGraph.tasks.1.executor.url": ["Give a URL."],
        "stages.1.taskGraph.tasks.1.executor": ["Odd executor."],
        "stages.1.name": ["Name it."],
        "stages.1.taskGraph.edges.0": ["Bad edge."],
      }),
    );
    expect(index.byStage.get(S2)).toHaveLength(4);
    expect(index.stageOwn.get(S2)!.map((i) => i.message)).toEqual(["Name it."]);
    expect(index.byEdge.get(`${S2}/a->b`)!.map((i) => i.message)).toEqual(["Bad edge."]);
    const task = index.byTask.get(taskKey(S2, "b"));
    expect(fieldMessages(task, "executor.url")).toEqual(["Give a URL."]);
    expect(fieldMessages(task, "executor")).toEqual(["Give a URL.", "Odd executor."]);
    expect(fieldMessages(task, "name")).toBeUndefined();
    expect(unplacedMessages(task, ["executor.url"])).toEqual(["Odd executor."]);
  });
});
