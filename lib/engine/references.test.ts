import { describe, expect, it } from "vitest";
import { isLoneReference, parseReferences, referencesIn, singleReference } from "./references";

describe("parseReferences grammar", () => {
  it.each([
    ["{{previous_output}}", { scope: "previous_output", path: [] }],
    ["{{ previous_output.score.value }}", { scope: "previous_output", path: ["score", "value"] }],
    ["{{tasks.review.output}}", { scope: "tasks", taskId: "review", path: [] }],
    ["{{tasks.review.output.risk}}", { scope: "tasks", taskId: "review", path: ["risk"] }],
    ["{{item.title}}", { scope: "item", path: ["title"] }],
    ["{{item.data}}", { scope: "item", path: ["data"] }],
    ["{{item.data.ref.0}}", { scope: "item", path: ["data", "ref", "0"] }],
    ["{{run.input}}", { scope: "run", path: ["input"] }],
    ["{{run.input.diff}}", { scope: "run", path: ["input", "diff"] }],
    ["{{output.done}}", { scope: "output", path: ["done"] }],
    ["{{loop.iteration}}", { scope: "loop", path: ["iteration"] }],
  ])("reads %s", (text, ref) => {
    expect(parseReferences(text)).toEqual({ references: [{ raw: text, ...ref }], problems: [] });
  });

  it.each([
    "{{foo}}",
    "{{}}",
    "{{ }}",
    "{{tasks.review}}",
    "{{tasks.review.result}}",
    "{{item}}",
    "{{item.secret}}",
    "{{item.title.length}}",
    "{{run}}",
    "{{run.id}}",
    "{{loop.index}}",
    "{{previous_output..x}}",
    "{{previous_output.}}",
    "{{previous_output . x}}",
    "{{previous_output.a b}}",
  ])("does not know %s", (text) => {
    expect(parseReferences(text)).toEqual({ references: [], problems: [{ raw: text, kind: "unknown" }] });
  });

  it("finds every reference in a string, with the text around them", () => {
    const { references } = parseReferences("Review {{item.title}} ({{ item.data.ref }}) now");
    expect(references.map((r) => r.raw)).toEqual(["{{item.title}}", "{{ item.data.ref }}"]);
  });

  it("reports an unclosed {{ and goes on with the next one", () => {
    expect(parseReferences("a {{previous_output b {{item.id}} c {{run.input")).toEqual({
      references: [{ raw: "{{item.id}}", scope: "item", path: ["id"] }],
      problems: [
        { raw: "{{previous_output b ", kind: "unclosed" },
        { raw: "{{run.input", kind: "unclosed" },
      ],
    });
  });

  it("ignores text without {{ and a lone }}", () => {
    expect(parseReferences("a } b }} c { d")).toEqual({ references: [], problems: [] });
  });
});

describe("single references", () => {
  it("accepts one reference with whitespace around it", () => {
    expect(singleReference("  {{ previous_output.ok }} ")).toMatchObject({ scope: "previous_output", path: ["ok"] });
    expect(isLoneReference("{{foo}}")).toBe(true);
    expect(singleReference("{{foo}}")).toBeNull();
  });

  it.each(["", "ok", "{{item.id}} and {{item.title}}", "x {{item.id}}", "{{item.id}} x", "{{item.id", "{{item.id}}}"])(
    "rejects %j",
    (text) => {
      expect(isLoneReference(text)).toBe(false);
      expect(singleReference(text)).toBeNull();
    },
  );
});

describe("referencesIn", () => {
  it("collects references from every string of a JSON value, deep, in order", () => {
    const value = {
      a: "{{item.title}}",
      list: [1, null, "x {{run.input.diff}} y {{unknown}}", { deep: "{{tasks.a.output}}" }],
      [`{{key}}`]: true,
      open: "{{item.id",
    };
    expect(referencesIn(value)).toEqual(["{{item.title}}", "{{run.input.diff}}", "{{unknown}}", "{{tasks.a.output}}"]);
    expect(referencesIn("{{item.id}}")).toEqual(["{{item.id}}"]);
    expect(referencesIn(42)).toEqual([]);
  });
});
