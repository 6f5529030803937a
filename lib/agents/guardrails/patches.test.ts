import { describe, expect, it } from "vitest";
import { guardrailCheckSchema } from "@/lib/agents/catalog/schemas";
import { type TaggedCheck, checkOutput } from "./checks";
import { globToRegExp, patchesIn } from "./patches";

const tagged = (tag: string, raw: unknown): TaggedCheck => ({ tag, check: guardrailCheckSchema.parse(raw) });
const allow = (paths: string[], action?: "flag" | "block") => tagged("paths", { kind: "path_allowlist", paths, ...(action ? { action } : {}) });
const size = (limits: { maxLines?: number; maxFiles?: number; action?: "flag" | "block" }) => tagged("size", { kind: "patch_size", ...limits });
const verdictOf = (check: TaggedCheck, output: unknown) => checkOutput([check], { input: {}, output, secretValues: [] })[0]!;

/** A git diff modifying each path: `adds` lines added and `dels` removed per file. */
function gitDiff(paths: string[], adds = 1, dels = 1): string {
  return paths
    .flatMap((p) => [
      `diff --git a/${p} b/${p}`,
      "index 1111111..2222222 100644",
      `--- a/${p}`,
      `+++ b/${p}`,
      `@@ -1,${dels + 1} +1,${adds + 1} @@`,
      " context",
      ...Array.from({ length: dels }, (_, i) => `-old ${i}`),
      ...Array.from({ length: adds }, (_, i) => `+new ${i}`),
    ])
    .join("\n");
}

const rename = (from: string, to: string) =>
  [`diff --git a/${from} b/${to}`, "similarity index 100%", `rename from ${from}`, `rename to ${to}`].join("\n");

describe("path_allowlist check", () => {
  it("passes a patch whose paths all match a glob", () => {
    const r = verdictOf(allow(["src/**", "docs/*.md"]), { patch: gitDiff(["src/a/b.ts", "docs/intro.md"]) });
    expect(r).toMatchObject({ kind: "path_allowlist", phase: "output", verdict: "pass" });
  });

  it("flags a path outside the globs when the action is flag", () => {
    const r = verdictOf(allow(["src/**"], "flag"), gitDiff(["src/a.ts", "package.json"]));
    expect(r.verdict).toBe("flag");
    expect(r.reason).toBe("The patch touches a path outside the allow-list: “package.json”.");
  });

  it("blocks by default, naming at most five paths", () => {
    const paths = ["a.ts", "b.ts", "c.ts", "d.ts", "e.ts", "f.ts", "g.ts"];
    const r = verdictOf(allow(["src/**"]), gitDiff(paths));
    expect(r.verdict).toBe("block");
    expect(r.reason).toBe("The patch touches paths outside the allow-list: “a.ts”, “b.ts”, “c.ts”, “d.ts”, “e.ts” and 2 more.");
  });

  it("passes an output without a patch", () => {
    const r = verdictOf(allow(["src/**"]), { summary: "Nothing to change; the --- section stays." });
    expect(r).toMatchObject({ verdict: "pass", reason: "No patch in the output." });
  });

  it("finds a patch nested inside the output", () => {
    const r = verdictOf(allow(["src/**"]), { result: { patch: gitDiff(["secrets/prod.env"]) } });
    expect(r.verdict).toBe("block");
    expect(r.reason).toContain("“secrets/prod.env”");
  });

  it("finds a plain (non-git) unified diff", () => {
    const plain = ["--- lib/x.ts", "+++ lib/x.ts", "@@ -1 +1 @@", "-a", "+b"].join("\n");
    expect(verdictOf(allow(["src/**"]), [plain]).reason).toContain("“lib/x.ts”");
  });

  it("blocks a rename whose old path is outside, even when the new one is allowed", () => {
    const r = verdictOf(allow(["src/**"]), rename("config/deploy.yml", "src/deploy.yml"));
    expect(r.verdict).toBe("block");
    expect(r.reason).toBe("The patch touches a path outside the allow-list: “config/deploy.yml”.");
    expect(verdictOf(allow(["src/**", "config/*"]), rename("config/deploy.yml", "src/deploy.yml")).verdict).toBe("pass");
  });

  it("blocks paths climbing out with .. or absolute, whatever the globs", () => {
    expect(verdictOf(allow(["**"]), gitDiff(["src/../../etc/passwd"])).verdict).toBe("block");
    expect(verdictOf(allow(["**"]), gitDiff(["../outside.txt"])).reason).toContain("“../outside.txt”");
    const absolute = ["--- /etc/hosts", "+++ /etc/hosts", "@@ -1 +1 @@", "-a", "+b"].join("\n");
    expect(verdictOf(allow(["**", "/etc/**"]), absolute).verdict).toBe("block");
  });

  it("reads git's quoted paths back: octal \\056\\056 is “..”, so the path climbs out and is blocked", () => {
    const sneaky = ['diff --git "a/\\056\\056/x" "b/\\056\\056/x"', '--- "a/\\056\\056/x"', '+++ "b/\\056\\056/x"', "@@ -1 +1 @@", "-a", "+b"].join("\n");
    expect(verdictOf(allow(["**"]), sneaky)).toMatchObject({ verdict: "block", reason: expect.stringContaining("../x") });
  });

  it("reads a quoted non-ASCII name as UTF-8, so an allowed folder still allows it", () => {
    const accented = ['diff --git "a/docs/caf\\303\\251.md" "b/docs/caf\\303\\251.md"', '--- "a/docs/caf\\303\\251.md"', '+++ "b/docs/caf\\303\\251.md"', "@@ -1 +1 @@", "-a", "+b"].join("\n");
    expect(verdictOf(allow(["docs/**"]), accented).verdict).toBe("pass");
    expect(verdictOf(allow(["src/**"]), accented)).toMatchObject({ verdict: "block", reason: expect.stringContaining("docs/café.md") });
  });

  it("ignores a leading ./ in globs and paths", () => {
    expect(verdictOf(allow(["./src/*.ts"]), gitDiff(["src/a.ts"])).verdict).toBe("pass");
    const dotted = ["--- ./src/a.ts", "+++ ./src/a.ts", "@@ -1 +1 @@", "-a", "+b"].join("\n");
    expect(verdictOf(allow(["src/*.ts"]), dotted).verdict).toBe("pass");
  });
});

describe("globToRegExp", () => {
  it.each([
    ["src/*.ts", "src/a.ts", true],
    ["src/*.ts", "src/sub/a.ts", false],
    ["src/**", "src/sub/deep/a.ts", true],
    ["src/**", "src", true],
    ["src/**", "srcx/a.ts", false],
    ["**/*.md", "README.md", true],
    ["**/*.md", "docs/guide/x.md", true],
    ["docs/**/index.md", "docs/index.md", true],
    ["docs/**/index.md", "docs/a/b/index.md", true],
    ["file?.txt", "file1.txt", true],
    ["file?.txt", "file/.txt", false],
    ["a.b", "axb", false],
  ])("%s against %s → %s", (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe("patchesIn", () => {
  it("returns each patch once, wherever it sits", () => {
    const p = gitDiff(["a.ts"]);
    expect(patchesIn({ a: p, b: [p, "prose"], c: { d: 3 } })).toEqual([p]);
  });
});

describe("patch_size check", () => {
  it("passes a patch within the limits", () => {
    const r = verdictOf(size({ maxLines: 10, maxFiles: 2 }), gitDiff(["a.ts", "b.ts"], 2, 1));
    expect(r).toMatchObject({ kind: "patch_size", verdict: "pass", reason: "The patch changes 6 lines in 2 files; the limit is 10 lines and 2 files." });
  });

  it("flags too many lines, summed over every patch in the output", () => {
    const output = { first: gitDiff(["a.ts"], 3, 2), second: { patch: gitDiff(["b.ts"], 4, 0) } };
    const r = verdictOf(size({ maxLines: 8, action: "flag" }), output);
    expect(r.verdict).toBe("flag");
    expect(r.reason).toBe("The patch changes 9 lines in 2 files; the limit is 8 lines and 50 files.");
  });

  it("blocks too many files by default", () => {
    const r = verdictOf(size({ maxFiles: 2 }), gitDiff(["a.ts", "b.ts", "c.ts"]));
    expect(r.verdict).toBe("block");
    expect(r.reason).toContain("6 lines in 3 files; the limit is 500 lines and 2 files");
  });

  it("passes an output without a patch", () => {
    expect(verdictOf(size({ maxLines: 1 }), { text: "no diff here" })).toMatchObject({ verdict: "pass", reason: "No patch in the output." });
  });
});
