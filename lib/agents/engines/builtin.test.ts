import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { planSchema, type BundleFile, type ContextBundle, type DiffFile, type Intent } from "../types";
import { BUILTIN_NOTE, builtinEngine } from "./builtin";

const file = (path: string, content: string, extra: Partial<BundleFile> = {}): BundleFile => ({
  path,
  content,
  truncated: false,
  tokens: Math.ceil(content.length / 4),
  reason: "changed",
  ...extra,
});

function bundle(over: Partial<ContextBundle> = {}): ContextBundle {
  return {
    repoRoot: "/repo",
    focus: ".",
    head: "abc1234",
    branch: "main",
    tree: [],
    treeTotal: 0,
    treeTruncated: false,
    diff: null,
    files: [],
    messages: [],
    budget: { tokens: 20_000, used: 0 },
    ...over,
  };
}

const tree = (...paths: string[]) => paths.map((path) => ({ path, size: 100 }));
const diffOf = (files: DiffFile[]) => ({ base: "main", text: "diff --git ...", files, truncated: false });
const plan = (goal: string, intent: Intent, b: ContextBundle) => builtinEngine.plan({ goal, intent, bundle: b });

describe("builtin engine: planning from a diff", () => {
  const b = bundle({
    tree: tree("lib/auth/session.ts", "lib/format.ts", "lib/format.test.ts", "lib/board/queries.ts", "README.md"),
    diff: diffOf([
      { path: "lib/format.ts", status: "modified", additions: 12, deletions: 3 },
      { path: "lib/board/queries.ts", status: "modified", additions: 40, deletions: 10 },
      { path: "README.md", status: "modified", additions: 5, deletions: 1 },
    ]),
  });

  it("makes one step per touched folder naming its files, then the tests", async () => {
    const r = await plan("fix the due date format on the board", "fix", b);
    const titles = r.plan.steps.map((s) => s.title);
    expect(titles).toEqual([
      "Finish the fix in lib: format.ts",
      "Finish the fix in lib/board: queries.ts",
      "Finish the fix in .: README.md",
      "Run and update the tests of format.ts",
      "Add tests for queries.ts",
    ]);
    expect(r.plan.steps[0]!.files).toEqual(["lib/format.ts"]);
    expect(r.plan.steps[0]!.description).toContain("format.ts (modified, +12 −3)");
    expect(r.plan.steps[3]!.files).toEqual(["lib/format.test.ts"]);
    expect(r.plan.risks).toContain("no tests touch lib/board/queries.ts");
    expect(r.plan.summary).toBe('Fix request "fix the due date format on the board": 3 changed files in 3 folders (+57 −14 against main); highest risk medium.');
    expect(r.patch).toBeNull();
    expect(r.notes).toEqual([BUILTIN_NOTE]);
  });

  it("estimates from lines changed: (10 + lines/8) minutes, rounded up to 5", async () => {
    const r = await plan("fix it", "fix", b);
    expect(r.plan.steps[0]!.estimate_minutes).toBe(15); // 15 lines → 11.9 → 15
    expect(r.plan.steps[1]!.estimate_minutes).toBe(20); // 50 lines → 16.25 → 20
  });

  it("rates a migration high and a README low", async () => {
    const r = await plan(
      "add a priority column",
      "feature",
      bundle({
        tree: tree("db/schema/items.ts", "drizzle/0008_priority.sql", "README.md"),
        diff: diffOf([
          { path: "drizzle/0008_priority.sql", status: "added", additions: 3, deletions: 0 },
          { path: "README.md", status: "modified", additions: 30, deletions: 2 },
        ]),
      }),
    );
    const risk = (folder: string) => r.plan.steps.find((s) => s.title.includes(`in ${folder}:`))!.risk;
    expect(risk("drizzle")).toBe("high");
    expect(risk(".")).toBe("low");
    expect(r.plan.risks).toContain("drizzle/0008_priority.sql is a migration: it runs once on every database, so try it on a copy of real data first");
  });

  it("asks for a migration when the schema changes without one", async () => {
    const r = await plan(
      "add a priority column",
      "feature",
      bundle({ diff: diffOf([{ path: "db/schema/items.ts", status: "modified", additions: 4, deletions: 0 }]) }),
    );
    expect(r.plan.risks).toContain("db/schema/items.ts changes the schema: a migration is needed");
    expect(r.plan.steps.map((s) => s.title)).toContain("Generate and check the migration for the schema change");
  });

  it("raises risk with size and says when many files change", async () => {
    const files: DiffFile[] = Array.from({ length: 12 }, (_, i) => ({ path: `lib/x/f${i}.ts`, status: "modified", additions: 30, deletions: 10 }));
    const r = await plan("refactor x", "refactor", bundle({ diff: diffOf(files) }));
    expect(r.plan.steps[0]!.risk).toBe("high"); // 480 lines in one folder
    expect(r.plan.steps[0]!.title).toBe("Check the refactoring in lib/x: f0.ts, f1.ts, f2.ts, f3.ts and 8 more");
    expect(r.plan.risks).toContain("12 files change: review in parts");
    expect(r.plan.risks).toContain("480 lines change in all: more than one sitting of review");
  });

  it("finds a related test by its import when names differ", async () => {
    const r = await plan(
      "fix export",
      "fix",
      bundle({
        diff: diffOf([{ path: "lib/export/csv-writer.ts", status: "modified", additions: 2, deletions: 2 }]),
        files: [file("lib/export/export.test.ts", 'import { writeCsv } from "./csv-writer";\n', { reason: "related" })],
      }),
    );
    expect(r.plan.steps.at(-1)!.files).toEqual(["lib/export/export.test.ts"]);
    expect(r.plan.risks.join("\n")).not.toContain("no tests touch");
  });

  it("flags deleted code and a truncated diff", async () => {
    const r = await plan(
      "remove the old importer",
      "refactor",
      bundle({ diff: { ...diffOf([{ path: "lib/old-import.ts", status: "deleted", additions: 0, deletions: 80 }]), truncated: true } }),
    );
    expect(r.plan.risks).toContain("lib/old-import.ts is deleted: check nothing still imports it");
    expect(r.plan.risks.some((x) => x.startsWith("The diff was cut"))).toBe(true);
    expect(r.plan.steps.map((s) => s.title)).toEqual(["Check the refactoring in lib: old-import.ts"]);
  });
});

describe("builtin engine: planning from the goal", () => {
  const b = bundle({
    focus: "lib/billing",
    tree: tree("lib/billing/invoice.ts", "lib/billing/invoice.test.ts", "lib/billing/tax-rates.ts", "lib/auth/session.ts", "lib/billing/README.md", "package-lock.json"),
    treeTotal: 6,
  });

  it("uses the focus files matching the goal's words", async () => {
    const r = await plan("fix rounding of tax rates on an invoice", "fix", b);
    const find = r.plan.steps.find((s) => s.title.startsWith("Find the cause"))!;
    expect(find.title).toBe("Find the cause in tax-rates.ts, invoice.ts");
    expect(find.files).toEqual(["lib/billing/tax-rates.ts", "lib/billing/invoice.ts"]);
    expect(r.plan.steps.find((s) => s.title.startsWith("Run the tests"))!.files).toEqual(["lib/billing/invoice.test.ts"]);
    expect(r.plan.risks).toEqual(["no tests touch lib/billing/tax-rates.ts"]);
    expect(r.plan.summary).toContain("2 files in lib/billing match the goal");
  });

  it("does not let a word common to a whole folder drag it in beside a precise match", async () => {
    const r = await plan(
      "fix the agent recommendation notes",
      "fix",
      bundle({ tree: tree("lib/agents/a.ts", "lib/agents/b.ts", "lib/agents/c.ts", "lib/agents/recommendation-notes.ts", "lib/board/x.ts") }),
    );
    expect(r.plan.steps[1]!.files).toEqual(["lib/agents/recommendation-notes.ts"]);
  });

  it("says when nothing matches and keeps the steps generic", async () => {
    const r = await plan("make it faster", "feature", b);
    expect(r.plan.risks[0]).toMatch(/^No file in lib\/billing matches the goal's words/);
    expect(r.plan.steps[1]!.title).toBe("Implement it in lib/billing");
    expect(r.plan.steps.at(-1)!.files).toEqual(["lib/billing/README.md"]);
  });

  it.each(["fix", "feature", "refactor", "test", "docs", "review", "question"] as const)("gives a valid plan for a %s request", async (intent) => {
    const r = await plan("invoice totals", intent, b);
    expect(planSchema.safeParse(r.plan).success).toBe(true);
    expect(r.plan.steps.length).toBeGreaterThan(1);
  });
});

describe("builtin engine: patches", () => {
  const source = "export function fooBar(x: number) {\n  return x + 1;\n}\n";
  const user = 'import { fooBar } from "./foo";\n\nexport const y = fooBar(2); // fooBarBaz stays\n';
  const partial = "const z = fooBar(3);\n";

  it("renames an identifier in complete files; the patch applies with git apply", async () => {
    const b = bundle({
      tree: tree("lib/foo.ts", "lib/use.ts", "lib/big.ts", "lib/other.ts"),
      files: [file("lib/foo.ts", source), file("lib/use.ts", user), file("lib/big.ts", partial, { truncated: true }), file("lib/other.ts", "nothing here\n")],
    });
    const r = await plan("rename fooBar to bazQux", "refactor", b);
    expect(r.patch).not.toBeNull();
    expect(r.patch).toContain("diff --git a/lib/foo.ts b/lib/foo.ts");
    expect(r.patch).not.toContain("lib/big.ts");
    expect(r.patch).not.toContain("lib/other.ts");
    expect(r.notes).toEqual([BUILTIN_NOTE, "Not patched because the context holds only part of them: lib/big.ts."]);
    expect(r.plan.steps[0]!.files).toEqual(["lib/foo.ts", "lib/use.ts"]);
    expect(r.plan.risks).toContain("lib/big.ts contains it but only part of it was read: it is not patched.");

    const repo = mkdtempSync(join(tmpdir(), "tandem-builtin-"));
    try {
      const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
      git("init", "-q");
      for (const f of b.files) {
        mkdirSync(dirname(join(repo, f.path)), { recursive: true });
        writeFileSync(join(repo, f.path), f.content);
      }
      writeFileSync(join(repo, "rename.patch"), r.patch!);
      git("apply", "--check", "rename.patch");
      git("apply", "rename.patch");
      expect(readFileSync(join(repo, "lib/use.ts"), "utf8")).toBe('import { bazQux } from "./foo";\n\nexport const y = bazQux(2); // fooBarBaz stays\n');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("replaces literal text only in the focus files", async () => {
    const b = bundle({
      focus: "lib/a",
      files: [file("lib/a/x.ts", 'const title = "Tandem beta";\n', { reason: "requested" }), file("lib/b/y.ts", 'const t = "Tandem beta";\n')],
    });
    const r = await plan('replace "Tandem beta" with "Tandem"', "refactor", b);
    expect(r.patch).toBe(
      ["diff --git a/lib/a/x.ts b/lib/a/x.ts", "--- a/lib/a/x.ts", "+++ b/lib/a/x.ts", "@@ -1 +1 @@", '-const title = "Tandem beta";', '+const title = "Tandem";', ""].join("\n"),
    );
  });

  it("a goal it cannot patch yields no patch and says what it does not do", async () => {
    const r = await plan("make the board faster", "feature", bundle({ files: [file("lib/foo.ts", source)] }));
    expect(r.patch).toBeNull();
    expect(r.notes).toEqual([BUILTIN_NOTE]);
    expect(planSchema.safeParse(r.plan).success).toBe(true);
  });

  it("a rename of something absent falls back to a plan and says why", async () => {
    const r = await plan("rename quux to corge", "refactor", bundle({ files: [file("lib/foo.ts", source)] }));
    expect(r.patch).toBeNull();
    expect(r.notes).toContain('Nothing to patch: "quux" does not appear in the files in the context.');
  });
});

describe("builtin engine: the result", () => {
  it("counts usage, measures latency and names itself", async () => {
    const b = bundle({ tree: tree("a.ts"), files: [file("a.ts", "x".repeat(4000))] });
    const r = await plan("review a", "review", b);
    expect(r).toMatchObject({ engine: "builtin", model: null });
    expect(r.usage.inputTokens).toBeGreaterThan(1000);
    expect(r.usage.outputTokens).toBeGreaterThan(10);
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is deterministic", async () => {
    const b = bundle({ tree: tree("lib/a.ts", "lib/b.ts"), diff: diffOf([{ path: "lib/a.ts", status: "modified", additions: 3, deletions: 1 }]) });
    const [x, y] = await Promise.all([plan("fix a", "fix", b), plan("fix a", "fix", b)]);
    expect(x.plan).toEqual(y.plan);
  });

  it("stops when the request is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(builtinEngine.plan({ goal: "x", intent: "fix", bundle: bundle(), signal: controller.signal })).rejects.toThrow();
  });
});
