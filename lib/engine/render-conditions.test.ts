import { describe, expect, it } from "vitest";
import type { Condition, ConditionOp } from "./graph-schema";
import { type RenderContext, evaluateCondition } from "./render";

const ctx = (previousOutput: unknown): RenderContext => ({ previousOutput, tasks: {}, item: null, runInput: { min: 5 } });
/** Evaluates `op` with `{{previous_output}}` = left. */
const holds = (left: unknown, op: ConditionOp, value?: unknown) => evaluateCondition({ left: "{{previous_output}}", op, value }, ctx(left));

describe("equals and not_equals", () => {
  it("compare JSON values deeply, ignoring key order", () => {
    expect(holds({ a: [1, { b: 2 }], c: "x" }, "equals", { c: "x", a: [1, { b: 2 }] })).toBe(true);
    expect(holds({ a: [1, 2] }, "equals", { a: [2, 1] })).toBe(false);
    expect(holds({ a: 1 }, "equals", { a: 1, b: 2 })).toBe(false);
    expect(holds([], "equals", {})).toBe(false);
    expect(holds("low", "equals", "low")).toBe(true);
    expect(holds(null, "equals", null)).toBe(true);
  });

  it("never coerce: 1 is not “1”, true is not “true”", () => {
    expect(holds(1, "equals", "1")).toBe(false);
    expect(holds(true, "equals", "true")).toBe(false);
    expect(holds(0, "equals", false)).toBe(false);
    expect(holds(1, "not_equals", "1")).toBe(true);
    expect(holds("a", "not_equals", "a")).toBe(false);
  });

  it("do not take a missing value for null", () => {
    expect(evaluateCondition({ left: "{{previous_output.gone}}", op: "equals", value: null }, ctx({}))).toBe(false);
    expect(evaluateCondition({ left: "{{previous_output.gone}}", op: "not_equals", value: null }, ctx({}))).toBe(true);
  });
});

describe("greater_than and less_than", () => {
  it("compare numbers", () => {
    expect(holds(3, "greater_than", 2)).toBe(true);
    expect(holds(2, "greater_than", 2)).toBe(false);
    expect(holds(-1, "less_than", 0)).toBe(true);
    expect(holds(0, "less_than", 0)).toBe(false);
  });

  it("count numeric strings as numbers", () => {
    expect(holds("10", "greater_than", 9)).toBe(true);
    expect(holds(" 2.5 ", "less_than", "3")).toBe(true);
    expect(holds("1e3", "greater_than", 999)).toBe(true);
  });

  it("are false for anything that is not a number", () => {
    for (const left of ["ten", "", "0x10", true, null, undefined, [5], { n: 5 }, Number.NaN]) {
      expect(holds(left, "greater_than", 1)).toBe(false);
      expect(holds(left, "less_than", 1_000_000)).toBe(false);
    }
    expect(holds(5, "greater_than", "many")).toBe(false);
  });
});

describe("contains", () => {
  it("finds text in a string", () => {
    expect(holds("needs review", "contains", "review")).toBe(true);
    expect(holds("needs review", "contains", "merge")).toBe(false);
    expect(holds("version 12", "contains", 12)).toBe(true);
  });

  it("finds an equal item in an array", () => {
    expect(holds(["a", { b: 1 }], "contains", { b: 1 })).toBe(true);
    expect(holds(["a", { b: 1 }], "contains", "b")).toBe(false);
    expect(holds([1, 2], "contains", "1")).toBe(false);
  });

  it("finds a key in an object", () => {
    expect(holds({ risk: null }, "contains", "risk")).toBe(true);
    expect(holds({ risk: 1 }, "contains", "score")).toBe(false);
    expect(holds({}, "contains", "constructor")).toBe(false);
  });

  it("is false for other values", () => {
    expect(holds(12, "contains", 1)).toBe(false);
    expect(holds(null, "contains", "x")).toBe(false);
    expect(holds(undefined, "contains", "x")).toBe(false);
  });
});

describe("exists and not_exists", () => {
  it("treat null and missing alike", () => {
    for (const [left, exists] of [[0, true], ["", true], [false, true], [[], true], [null, false], [undefined, false]] as const) {
      expect(holds(left, "exists")).toBe(exists);
      expect(holds(left, "not_exists")).toBe(!exists);
    }
    expect(evaluateCondition({ left: "{{previous_output.gone}}", op: "exists" }, ctx({ here: 1 }))).toBe(false);
    expect(evaluateCondition({ left: "{{ previous_output.here }}", op: "exists" }, ctx({ here: 1 }))).toBe(true);
  });
});

describe("truthy and falsy", () => {
  it("follow JavaScript, except that empty arrays and objects are falsy", () => {
    const cases: [unknown, boolean][] = [
      [true, true],
      [1, true],
      ["no", true],
      [[0], true],
      [{ a: null }, true],
      [false, false],
      [0, false],
      ["", false],
      [null, false],
      [undefined, false],
      [[], false],
      [{}, false],
    ];
    for (const [left, truthy] of cases) {
      expect(holds(left, "truthy"), JSON.stringify(left)).toBe(truthy);
      expect(holds(left, "falsy"), JSON.stringify(left)).toBe(!truthy);
    }
  });
});

describe("the left side", () => {
  it("reads any reference of the grammar", () => {
    const cond: Condition = { left: "{{run.input.min}}", op: "greater_than", value: 4 };
    expect(evaluateCondition(cond, ctx(null))).toBe(true);
  });
});
