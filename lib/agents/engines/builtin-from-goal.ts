import type { ContextBundle, Intent, Plan, PlanStep, Risk } from "../types";
import { fileKind, folderOf, isTestPath, kindRisk, maxRisk, needsTests, testsFor } from "./builtin-files";
import { listNames, requestLabel } from "./builtin-from-diff";

/**
 * The builtin engine's plan when there is no diff: the files of the focus whose path or name matches
 * words of the goal, and the steps the intent calls for, on those files.
 */

// Words that say what to do rather than where: matching them against paths would only find noise
// ("test" matches every test file).
const STOPWORDS = new Set(
  [
    "the and for with from into onto that this these those when then than there their them they have has had are was were been being",
    "about after before only also just like need needs more less other over under not out via per all any some our your its".split(" "),
    "add adds adding fix fixes fixing make makes new create support implement refactor review check test tests spec docs doc",
    "update change changes use using should would could can does why how what where which please work works working",
  ]
    .join(" ")
    .split(" "),
);

/** The words of a goal worth looking for in paths: lowercase, camelCase and snake_case split, 3+ letters. */
export function goalWords(goal: string): string[] {
  const words = new Set<string>();
  for (const token of goal.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? []) {
    const parts = token.split(/[-_]|(?<=[a-z0-9])(?=[A-Z])/).map((p) => p.toLowerCase());
    for (const w of [token.toLowerCase(), ...parts]) if (w.length >= 3 && !STOPWORDS.has(w)) words.add(w);
  }
  return [...words];
}

const inFocus = (path: string, focus: string) => focus === "." || focus === "" || path === focus || path.startsWith(`${focus.replace(/\/$/, "")}/`);
const name = (p: string) => p.slice(p.lastIndexOf("/") + 1);
const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * Files of the focus that match the goal, best first. A word in the file name counts twice one in a
 * folder; a word found in many paths counts less (it names a folder, not a place); files scoring under
 * half the best are dropped, so one common word does not drag in a whole folder beside a precise match.
 */
export function matchFiles(goal: string, bundle: ContextBundle, max = 8): string[] {
  const words = goalWords(goal);
  const requested = bundle.files.filter((f) => f.reason === "requested").map((f) => f.path);
  const pool = bundle.tree.filter((t) => inFocus(t.path, bundle.focus) && fileKind(t.path) !== "lockfile" && !isTestPath(t.path)).map((t) => t.path);
  const lower = pool.map((p) => p.toLowerCase());
  const weight = new Map(words.map((w) => [w, Math.log2(1 + pool.length / Math.max(1, lower.filter((p) => p.includes(w)).length))]));
  const scored = pool
    .map((path, i) => {
      const p = lower[i]!;
      const score = words.reduce((s, w) => s + weight.get(w)! * (name(p).includes(w) ? 2 : p.includes(w) ? 1 : 0), 0);
      return { path, score };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.path.length - b.path.length || a.path.localeCompare(b.path));
  const best = scored[0]?.score ?? 0;
  const kept = scored.filter((s) => s.score >= best / 2).map((s) => s.path);
  return unique([...requested, ...kept]).slice(0, max);
}

type StepSpec = { title: string; description: string; files: string[]; minutes: number; risk?: Risk };

/** Steps for each intent; `where` names the files (or the focus) so titles stay concrete. */
function stepsFor(intent: Intent, goal: string, where: string, files: string[], tests: string[], docs: string[]): StepSpec[] {
  const perFile = (m: number) => m * Math.max(1, files.length);
  const testsOrFiles = tests.length ? tests : files;
  switch (intent) {
    case "fix":
      return [
        { title: `Reproduce the problem with a failing test`, description: `Write a test that fails the way "${goal}" describes before changing code.`, files: testsOrFiles, minutes: 20, risk: "low" },
        { title: `Find the cause in ${where}`, description: "Follow the failing path; note the first place where the state is wrong.", files, minutes: 10 + perFile(5) },
        { title: `Fix it in ${where}`, description: "Make the smallest change that makes the test pass.", files, minutes: 30 },
        { title: `Run the tests of ${where}`, description: "Run the related tests and the typecheck; keep the new test as a regression test.", files: tests, minutes: 10 + 5 * tests.length, risk: "low" },
      ];
    case "feature":
      return [
        { title: `Decide where it lives: ${where}`, description: "Read the files below and pick the module that owns this behaviour.", files, minutes: 15, risk: "low" },
        { title: `Implement it in ${where}`, description: `Build "${goal}" in small commits, each with its test.`, files, minutes: 45 + perFile(15) },
        { title: `Add tests for the new behaviour`, description: "Cover the main path, the edge cases and a refusal.", files: testsOrFiles, minutes: 30, risk: "low" },
        ...(docs.length ? [{ title: `Document it in ${listNames(docs.map(name))}`, description: "Say what it does and how to use it.", files: docs, minutes: 15, risk: "low" as const }] : []),
      ];
    case "refactor":
      return [
        { title: `Pin the current behaviour of ${where} with tests`, description: "Tests first, so the refactoring can be checked to change nothing.", files: testsOrFiles, minutes: 20, risk: "low" },
        { title: `Refactor ${where} in small steps`, description: `"${goal}", one mechanical step per commit.`, files, minutes: 20 + perFile(10) },
        { title: `Run the tests and the typecheck after each step`, description: "Any change of behaviour is a bug in the refactoring.", files: tests, minutes: 10, risk: "low" },
      ];
    case "test":
      return [
        { title: `List the untested behaviour of ${where}`, description: "Compare what the code does with what its tests check.", files, minutes: 15, risk: "low" },
        { title: `Write tests for ${where}`, description: "One behaviour per test; the cases that matter most first.", files: testsOrFiles, minutes: perFile(20), risk: "low" },
        { title: `Run the tests`, description: "They pass, and each fails when the behaviour it checks is broken.", files: tests, minutes: 5, risk: "low" },
      ];
    case "docs":
      return [
        { title: `Read ${where} to see what it does now`, description: "Docs describe the code as it is.", files, minutes: 10 + perFile(3), risk: "low" },
        { title: `Write the docs${docs.length ? ` in ${listNames(docs.map(name))}` : ""}`, description: `"${goal}": short, with an example.`, files: docs, minutes: 30, risk: "low" },
      ];
    case "review":
      return [
        { title: `Read ${where}`, description: "Understand what the code is for before judging how.", files, minutes: 10 + perFile(5), risk: "low" },
        { title: `Check errors, input validation and authorization in ${where}`, description: "Each input parsed, each failure handled, each write authorized.", files, minutes: 10 + perFile(5) },
        { title: `Check the tests of ${where}`, description: "Do they cover the rules that matter?", files: tests, minutes: 10, risk: "low" },
        { title: `Write the findings with file and line`, description: "Most important first; say which are blocking.", files: [], minutes: 15, risk: "low" },
      ];
    case "question":
      return [
        { title: `Read ${where}`, description: `Find what answers "${goal}".`, files, minutes: 5 + perFile(3), risk: "low" },
        { title: `Answer with references to the files`, description: "Quote the lines the answer rests on.", files, minutes: 10, risk: "low" },
      ];
  }
}

const KIND_NOTE: Partial<Record<ReturnType<typeof fileKind>, (p: string) => string>> = {
  schema: (p) => `${p} is a schema file: a change there needs a migration`,
  migration: (p) => `${p} is a migration: a change there runs on every database`,
  auth: (p) => `${p} handles authentication or permissions: have a second reviewer read the change`,
  config: (p) => `${p} is configuration: check the change in every environment`,
};

/** A plan from the goal, the intent and the focus's files, for a repository with nothing changed yet. */
export function planFromGoal(goal: string, intent: Intent, bundle: ContextBundle): Plan {
  const files = matchFiles(goal, bundle);
  const treePaths = bundle.tree.map((t) => t.path);
  const code = files.filter(needsTests);
  const testsOf = new Map(code.map((f) => [f, testsFor(f, treePaths)]));
  const tests = unique([...testsOf.values()].flat());
  const docs = treePaths.filter((p) => fileKind(p) === "docs" && (name(p).toLowerCase() === "readme.md" ? inFocus(folderOf(p), bundle.focus) || folderOf(p) === "." : inFocus(p, bundle.focus))).slice(0, 3);
  const focusLabel = bundle.focus === "." || bundle.focus === "" ? "the repository" : bundle.focus;
  const where = files.length ? listNames(files.map(name), 3) : focusLabel;

  const kindRiskOf = files.map((f) => kindRisk(fileKind(f))).reduce(maxRisk, "low");
  const base: Risk = maxRisk(kindRiskOf, files.length > 5 ? "medium" : "low");
  const steps: PlanStep[] = stepsFor(intent, goal.trim(), where, files, tests, docs).map((s) => ({
    title: s.title.slice(0, 200),
    description: s.description.slice(0, 4000),
    risk: s.risk ?? base,
    estimate_minutes: Math.min(60 * 24 * 30, Math.ceil(s.minutes / 5) * 5),
    files: s.files.slice(0, 200),
  }));

  const risks: string[] = [];
  if (!files.length) risks.push(`No file in ${focusLabel} matches the goal's words: the steps are generic; name a file or folder to sharpen them.`);
  for (const f of files) {
    const note = KIND_NOTE[fileKind(f)];
    if (note) risks.push(note(f));
  }
  if (["fix", "feature", "refactor"].includes(intent)) for (const f of code.filter((c) => !testsOf.get(c)!.length)) risks.push(`no tests touch ${f}`);
  if (bundle.treeTruncated) risks.push(`The tree was cut to fit the context budget (${bundle.tree.length} of ${bundle.treeTotal} paths): files beyond it were not considered.`);

  const found = files.length ? `${files.length} file${files.length === 1 ? "" : "s"} in ${focusLabel} match the goal (${listNames(files)})` : `no file in ${focusLabel} matches the goal`;
  return {
    summary: `${requestLabel(intent, goal)}: nothing is changed yet, so this plan starts from the tree; ${found}.`.slice(0, 4000),
    steps,
    risks: unique(risks).slice(0, 50).map((r) => r.slice(0, 1000)),
  };
}
