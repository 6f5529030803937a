import { describe, expect, it } from "vitest";
import { outputSkeleton, parseJsonInput, prettyJson } from "./json";

describe("run page JSON", () => {
  it("starts a human task's output from its schema", () => {
    const schema = {
      type: "object",
      properties: {
        approved: { type: "boolean" },
        risk: { type: "string", enum: ["low", "high"] },
        notes: { type: "string" },
        score: { type: "integer", default: 3 },
        tags: { type: "array" },
        meta: { type: "object", properties: { by: { type: "string" } } },
      },
    };
    expect(outputSkeleton(schema)).toEqual({ approved: false, risk: "low", notes: "", score: 3, tags: [], meta: { by: "" } });
    expect(outputSkeleton(null)).toEqual({});
    expect(outputSkeleton({ type: "string" })).toBe("");
  });

  it("reads JSON and explains what is wrong with bad input", () => {
    expect(parseJsonInput('{"ok": true}')).toEqual({ ok: true, value: { ok: true } });
    expect(parseJsonInput("3")).toEqual({ ok: true, value: 3 });
    const bad = parseJsonInput("{ok: true}");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/not valid JSON.*double quotes/);
    expect(parseJsonInput("  ")).toMatchObject({ ok: false, message: expect.stringMatching(/Enter the output as JSON/) });
  });

  it("shows missing values as null", () => {
    expect(prettyJson(undefined)).toBe("null");
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
