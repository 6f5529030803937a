import { describe, expect, it } from "vitest";
import { describeCheck } from "./check-text";

describe("describeCheck", () => {
  it("says what each kind of check does, with its action", () => {
    expect(describeCheck({ kind: "path_allowlist", paths: ["src/**", "test/**"], action: "block" })).toBe(
      "Blocks patches that touch a path outside src/**, test/**.",
    );
    expect(describeCheck({ kind: "patch_size", maxLines: 400, maxFiles: 50, action: "flag" })).toBe(
      "Flags patches that change more than 400 lines or 50 files.",
    );
    expect(describeCheck({ kind: "secrets", on: "output", action: "block" })).toBe("Blocks credentials and stored secret values in the output.");
    expect(describeCheck({ kind: "regex_deny", patterns: ["internal\\.corp"], on: "both", action: "block" })).toBe(
      "Blocks the input or the output when it matches the pattern /internal\\.corp/.",
    );
    expect(describeCheck({ kind: "needs_approval", reason: "" })).toBe("A person approves each agent call before it runs.");
  });

  it("shortens a long list", () => {
    const paths = ["a/**", "b/**", "c/**", "d/**", "e/**", "f/**"];
    expect(describeCheck({ kind: "path_allowlist", paths, action: "flag" })).toBe("Flags patches that touch a path outside a/**, b/**, c/**, d/** and 2 more.");
  });
});
