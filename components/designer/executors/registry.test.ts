import { describe, expect, it } from "vitest";
import { EXECUTOR_KINDS } from "@/lib/engine/graph-schema";
import { EXECUTORS, summarize, taskPhrase } from "./registry";

describe("the executor registry", () => {
  it("has a module for every kind, human tasks included", () => {
    expect(Object.keys(EXECUTORS).sort()).toEqual([...EXECUTOR_KINDS].sort());
    expect(EXECUTORS.human.defaults()).toEqual({ kind: "human", instructions: "" });
    expect(EXECUTORS.human.label).toBe("Human task");
  });

  it("names a task of each kind in a sentence without saying “task” twice", () => {
    expect(EXECUTOR_KINDS.map(taskPhrase)).toEqual([
      "an agent task",
      "an approval task",
      "a human task",
      "an HTTP request task",
      "a transform task",
      "a delay task",
    ]);
  });

  it("summarizes a human task by the first line of its instructions, cut when long", () => {
    expect(summarize({ kind: "human", instructions: "" })).toBe("Waits for a person");
    expect(summarize({ kind: "human", instructions: "  Paste the link.\nThen tell QA." })).toBe("Paste the link.");
    const long = summarize({ kind: "human", instructions: "x".repeat(80) });
    expect(long).toHaveLength(60);
    expect(long.endsWith("…")).toBe(true);
  });
});
