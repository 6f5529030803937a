import type { ContextBundle, DiffFile, Intent, Plan, PlanStep, Risk } from "../types";
import { areaRisk, fileKind, folderOf, isTestPath, maxRisk, needsTests, stemOf, testsFor, type FileKind } from "./builtin-files";
import { itemPart } from "../goal";

/**
 * The builtin engine's plan when the repository has a diff: one step per touched folder, then the tests
 * of the changed files, with risks read off sizes, churn and kinds of file.
 */

const VERB: Record<Intent, string> = {
  fix: "Finish the fix in",
  feature: "Finish the feature in",
  refactor: "Check the refactoring in",
  test: "Complete the tests in",
  docs: "Proofread the docs in",
  review: "Review",
  question: "Read the changes in",
};

const lines = (f: DiffFile) => f.additions + f.deletions;
const name = (p: string) => p.slice(p.lastIndexOf("/") + 1);
const unique = <T>(xs: T[]) => [...new Set(xs)];

/** `Fix request "login crashes"`, the goal cut short if long, to open a plan's summary. */
export function requestLabel(intent: Intent, goal: string): string {
  // An agent-assist goal's work item says what this request is; its stage prompt says it of every item.
  const item = itemPart(goal)?.split("\n")[0];
  const g = (item ?? goal).trim().replace(/\s+/g, " ");
  return `${intent[0]!.toUpperCase()}${intent.slice(1)} request "${g.length > 120 ? `${g.slice(0, 117)}...` : g}"`;
}

/** "a.ts, b.ts, c.ts and 4 more", so titles name files yet stay short. */
export function listNames(names: string[], max = 4): string {
  const shown = names.slice(0, max).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/**
 * Minutes to finish and check an area: 10 to get into it, plus one per 8 changed lines (reading them
 * and checking each), half as much again when the area is high risk; rounded up to 5 minutes.
 */
export function estimateMinutes(linesChanged: number, risk: Risk): number {
  const raw = (10 + linesChanged / 8) * (risk === "high" ? 1.5 : 1);
  return Math.min(60 * 24 * 30, Math.ceil(raw / 5) * 5);
}

/** Areas of change: files grouped by folder, or by their first two folders when there are many folders. */
function areasOf(files: DiffFile[]): [string, DiffFile[]][] {
  const group = (key: (p: string) => string) => {
    const map = new Map<string, DiffFile[]>();
    for (const f of files) map.set(key(f.path), [...(map.get(key(f.path)) ?? []), f]);
    return [...map.entries()];
  };
  const byFolder = group(folderOf);
  if (byFolder.length <= 12) return byFolder;
  return group((p) => folderOf(p).split("/").slice(0, 2).join("/"));
}

function describeFile(f: DiffFile): string {
  const what = f.status === "renamed" && f.oldPath ? `renamed from ${f.oldPath}` : f.status;
  const tail = f.status === "deleted" ? ": check nothing still uses it" : "";
  return `- ${name(f.path)} (${what}, +${f.additions} −${f.deletions})${tail}`;
}

/** Tests related to a source file: by name in the tree or diff, or a related bundle file that imports it. */
function relatedTests(source: string, bundle: ContextBundle, changedPaths: string[]): string[] {
  const byName = testsFor(source, unique([...bundle.tree.map((t) => t.path), ...changedPaths, ...bundle.files.map((f) => f.path)]));
  const stem = stemOf(source);
  // The context builder picked these as related; one that names the module in an import string tests it.
  const importsIt = new RegExp(`["'\`][^"'\`]*/${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\.[a-z]+)?["'\`]`, "i");
  const byImport = bundle.files.filter((f) => f.reason === "related" && isTestPath(f.path) && importsIt.test(f.content)).map((f) => f.path);
  return unique([...byName, ...byImport]);
}

const KIND_RISKS: Partial<Record<FileKind, (p: string, hasMigration: boolean) => string>> = {
  schema: (p, hasMigration) => (hasMigration ? `${p} changes the schema: check the migration in this diff matches it` : `${p} changes the schema: a migration is needed`),
  migration: (p) => `${p} is a migration: it runs once on every database, so try it on a copy of real data first`,
  auth: (p) => `${p} touches authentication or permissions: have a second reviewer read it`,
  lockfile: (p) => `${p} changes: check each dependency change is intended`,
  config: (p) => `${p} is configuration: check it in every environment it runs in`,
};

/** A plan from the bundle's diff (which must have files). */
export function planFromDiff(goal: string, intent: Intent, bundle: ContextBundle): Plan {
  const diff = bundle.diff!;
  const files = diff.files;
  const changedPaths = files.map((f) => f.path);
  const hasMigration = files.some((f) => fileKind(f.path) === "migration" && f.status !== "deleted");
  const steps: PlanStep[] = [];
  const risks: string[] = [];

  const areas = areasOf(files);
  const shown = areas.slice(0, 44);
  const rest = areas.slice(44).flatMap(([, fs]) => fs);
  if (rest.length) shown.push([`${areas.length - 44} other folders`, rest]);
  for (const [folder, fs] of shown) {
    const changed = fs.reduce((n, f) => n + lines(f), 0);
    const risk = areaRisk(
      fs.map((f) => fileKind(f.path)),
      changed,
    );
    steps.push({
      title: `${VERB[intent]} ${folder}: ${listNames(fs.map((f) => name(f.path)))}`.slice(0, 200),
      description: [`${fs.length} file${fs.length === 1 ? "" : "s"}, ${changed} lines changed:`, ...fs.map(describeFile)].join("\n").slice(0, 4000),
      risk,
      estimate_minutes: estimateMinutes(changed, risk),
      files: fs.map((f) => f.path).slice(0, 200),
    });
  }

  const sources = files.filter((f) => f.status !== "deleted" && needsTests(f.path)).map((f) => f.path);
  const covered = new Map(sources.map((s) => [s, relatedTests(s, bundle, changedPaths)]));
  const tests = unique([...covered.values()].flat());
  const untested = sources.filter((s) => covered.get(s)!.length === 0);
  if (tests.length) {
    const coveredNames = sources.filter((s) => covered.get(s)!.length).map(name);
    steps.push({
      title: `Run and update the tests of ${listNames(coveredNames)}`.slice(0, 200),
      description: `These tests exercise the changed files; run them, and update any that describe the old behaviour:\n${tests.map((t) => `- ${t}`).join("\n")}`.slice(0, 4000),
      risk: "low",
      estimate_minutes: Math.min(240, 10 + 5 * tests.length),
      files: tests.slice(0, 200),
    });
  }
  if (untested.length) {
    const risky = untested.some((s) => ["auth", "schema"].includes(fileKind(s)));
    steps.push({
      title: `Add tests for ${listNames(untested.map(name))}`.slice(0, 200),
      description: `No test in the repository matches these files by name or import:\n${untested.map((s) => `- ${s}`).join("\n")}`.slice(0, 4000),
      risk: risky ? "medium" : "low",
      estimate_minutes: Math.min(480, 20 * untested.length),
      files: untested.slice(0, 200),
    });
    for (const s of untested.slice(0, 10)) risks.push(`no tests touch ${s}`);
    if (untested.length > 10) risks.push(`${untested.length - 10} more changed files have no tests`);
  }

  const schemaFiles = files.filter((f) => fileKind(f.path) === "schema" && f.status !== "deleted").map((f) => f.path);
  if (schemaFiles.length && !hasMigration) {
    steps.push({
      title: "Generate and check the migration for the schema change",
      description: `The schema changes in ${schemaFiles.join(", ")} but no migration is in the diff. Generate one, read its SQL, and run it on a copy of the data.`.slice(0, 4000),
      risk: "high",
      estimate_minutes: 30,
      files: schemaFiles.slice(0, 200),
    });
  }

  for (const f of files) {
    const kind = fileKind(f.path);
    const say = KIND_RISKS[kind];
    if (say && f.status !== "deleted") risks.push(say(f.path, hasMigration));
    if (f.status === "deleted" && (kind === "code" || kind === "auth" || kind === "schema")) risks.push(`${f.path} is deleted: check nothing still imports it`);
  }
  const total = files.reduce((n, f) => n + lines(f), 0);
  if (files.length >= 10) risks.push(`${files.length} files change: review in parts`);
  if (total >= 400) risks.push(`${total} lines change in all: more than one sitting of review`);
  if (diff.truncated) risks.push("The diff was cut to fit the context budget: files beyond it are not in this plan.");

  const risk = steps.map((s) => s.risk).reduce(maxRisk, "low");
  const adds = files.reduce((n, f) => n + f.additions, 0);
  const dels = files.reduce((n, f) => n + f.deletions, 0);
  return {
    summary: `${requestLabel(intent, goal)}: ${files.length} changed file${files.length === 1 ? "" : "s"} in ${areas.length} folder${areas.length === 1 ? "" : "s"} (+${adds} −${dels} against ${diff.base}); highest risk ${risk}.`.slice(0, 4000),
    steps: steps.slice(0, 50),
    risks: unique(risks).slice(0, 50).map((r) => r.slice(0, 1000)),
  };
}
