import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unifiedDiff, unifiedPatch } from "./unified-diff";

let repo: string;
const git = (...args: string[]) => execFileSync("git", ["-c", "core.autocrlf=false", ...args], { cwd: repo, encoding: "utf8" });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "tandem-udiff-"));
  git("init", "-q");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** What git itself prints for the change, without its "index" line and the function names after "@@". */
function gitDiff(path: string, before: string, after: string): string {
  writeFileSync(join(repo, path), before);
  git("add", path);
  writeFileSync(join(repo, path), after);
  const out = git("diff", "--no-color", "--no-ext-diff", "--", path).replace(/^index .*\n/m, "").replace(/^(@@ [^@]+ @@).*$/gm, "$1");
  git("rm", "-qf", "--cached", path);
  return out;
}

const lines = (n: number, tag = "line") => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join("");

describe("unifiedDiff", () => {
  it("is empty when nothing changed", () => {
    expect(unifiedDiff("a.txt", "x\n", "x\n")).toBe("");
  });

  it("writes one hunk with three lines of context and git's header", () => {
    const before = lines(10);
    const after = before.replace("line 5\n", "line five\n");
    expect(unifiedDiff("src/a.ts", before, after)).toBe(
      [
        "diff --git a/src/a.ts b/src/a.ts",
        "--- a/src/a.ts",
        "+++ b/src/a.ts",
        "@@ -2,7 +2,7 @@",
        " line 2",
        " line 3",
        " line 4",
        "-line 5",
        "+line five",
        " line 6",
        " line 7",
        " line 8",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["a change at the start", lines(10), lines(10).replace("line 1\n", "first\n")],
    ["a change at the end", lines(10), lines(10).replace("line 10\n", "last\n")],
    ["two distant changes (two hunks)", lines(30), lines(30).replace("line 3\n", "three\n").replace("line 27\n", "twenty-seven\n")],
    ["two close changes (one hunk)", lines(30), lines(30).replace("line 10\n", "ten\n").replace("line 16\n", "sixteen\n")],
    ["changes six lines apart (context meets)", lines(30), lines(30).replace("line 10\n", "ten\n").replace("line 17\n", "seventeen\n")],
    ["changes seven lines apart (context does not meet)", lines(30), lines(30).replace("line 10\n", "ten\n").replace("line 18\n", "eighteen\n")],
    ["lines added", lines(8), lines(8).replace("line 4\n", "line 4\nnew a\nnew b\n")],
    ["lines removed", lines(8), lines(8).replace("line 4\nline 5\n", "")],
    ["a file without a trailing newline, last line changed", "a\nb\nc", "a\nb\nC"],
    ["a trailing newline added", "a\nb\nc", "a\nb\nc\n"],
    ["a trailing newline removed", "a\nb\nc\n", "a\nb\nc"],
    ["an empty file filled", "", "a\nb\n"],
    ["a file emptied", "a\nb\n", ""],
    ["a one-line file", "x\n", "y\n"],
  ])("matches git for %s", (_name, before, after) => {
    expect(unifiedDiff("f.txt", before, after)).toBe(gitDiff("f.txt", before, after));
  });

  it("honours a smaller context", () => {
    const d = unifiedDiff("f.txt", lines(10), lines(10).replace("line 5\n", "five\n"), 1);
    expect(d).toContain("@@ -4,3 +4,3 @@\n line 4\n-line 5\n+five\n line 6\n");
  });
});

describe("unifiedPatch", () => {
  // A seeded generator, so a failure can be replayed.
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const randomText = () => {
    const n = rand(25);
    let text = Array.from({ length: n }, () => `w${rand(6)}\n`).join("");
    if (text && rand(4) === 0) text = text.slice(0, -1);
    return text;
  };
  const mutate = (text: string) => {
    const ls = text.split("\n");
    for (let i = rand(5) + 1; i > 0; i--) {
      const at = rand(ls.length + 1);
      const what = rand(3);
      if (what === 0) ls.splice(at, 0, `new${rand(100)}`);
      else if (what === 1 && ls.length > 1) ls.splice(Math.min(at, ls.length - 1), 1);
      else ls[Math.min(at, ls.length - 1)] = `changed${rand(100)}`;
    }
    return ls.join("\n");
  };

  it("applies with git apply for 150 random edits, and yields exactly the new text", () => {
    const cases = Array.from({ length: 150 }, (_, i) => {
      const before = randomText();
      return { path: `fuzz/f${i}.txt`, before, after: mutate(before) };
    });
    git("rm", "-rq", "--cached", "--ignore-unmatch", "fuzz");
    execFileSync("mkdir", ["-p", join(repo, "fuzz")]);
    for (const c of cases) writeFileSync(join(repo, c.path), c.before);
    git("add", "fuzz");
    const patch = unifiedPatch(cases);
    writeFileSync(join(repo, "fuzz.patch"), patch);
    git("apply", "--check", "fuzz.patch");
    git("apply", "fuzz.patch");
    for (const c of cases) expect(readFileSync(join(repo, c.path), "utf8"), c.path).toBe(c.after);
  });

  it("falls back to one replacement for a very different large file and still applies", () => {
    const before = lines(2500, "old");
    const after = lines(2500, "new");
    const patch = unifiedPatch([{ path: "big.txt", before, after }]);
    writeFileSync(join(repo, "big.txt"), before);
    writeFileSync(join(repo, "big.patch"), patch);
    git("apply", "big.patch");
    expect(readFileSync(join(repo, "big.txt"), "utf8")).toBe(after);
  });
});
