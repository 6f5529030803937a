import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { Invalid } from "@/lib/errors";
import { type DiffSection, currentBranch, diff, headCommit, listFiles, parseDiff, statusEntries, tryGit } from "./git";
import { safeRepoPath } from "./repo-paths";
import { type BundleFile, type ContextBundle, type SessionMessage, type TreeEntry, estimateTokens } from "./types";

/**
 * What an engine sees of a repository, cut to a token budget. The budget is spent greedily in order
 * of signal: recent messages (at most a quarter), the diff (at most half at first), requested files,
 * files containing the request's terms, changed files, related files, the rest of the diff, then the tree. Nothing ignored by git, binary,
 * over 1 MB, or behind a symlink is ever read.
 */

export const DEFAULT_BUDGET_TOKENS = 8_000;
export const MAX_BUDGET_TOKENS = 200_000;
const MAX_FILE_BYTES = 1024 * 1024;
const BINARY_SNIFF_BYTES = 8 * 1024;
// A long conversation must not crowd out the code it is about.
const MESSAGE_SHARE = 0.25;
// A big work-in-progress diff must not leave the files the user asked for out; it gets the rest later.
const DIFF_FIRST_SHARE = 0.5;
// Below this, a cut file says too little to be worth its path.
const MIN_FILE_TOKENS = 16;

export type BuildContextOptions = {
  /** Repository-relative folder or file the request is about ("." for all). */
  focus?: string;
  /** Files or folders the user asked for by name. */
  paths?: string[];
  /** Branch, tag or commit to diff the working tree against; HEAD when absent, so uncommitted work shows. */
  diffBase?: string;
  budgetTokens?: number;
  /** Oldest first; the most recent that fit are kept. */
  messages?: SessionMessage[];
  /** Words of the request (identifiers, quoted text): files in the focus that contain them are read next. */
  terms?: string[];
};

/** Files under `folder` (tracked, text) that contain any of `terms` as a whole word, most matches first. */
async function filesMatching(repoRoot: string, terms: string[], folder: string): Promise<string[]> {
  if (terms.length === 0) return [];
  const args = ["grep", "-c", "-I", "-w", "-F", "-z", ...terms.flatMap((t) => ["-e", t]), "--", folder === "." ? "." : folder];
  const out = (await tryGit(repoRoot, args)) ?? "";
  // -z -c: "path\0count\n" per file.
  const hits = out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [file, n] = line.split("\0");
      return { file: file!, n: Number(n) };
    });
  return hits.sort((a, b) => b.n - a.n || a.file.localeCompare(b.file)).map((h) => h.file);
}

type Ledger = { total: number; used: number; left(): number; take(tokens: number): boolean };

function ledger(total: number): Ledger {
  return {
    total,
    used: 0,
    left() {
      return this.total - this.used;
    },
    take(tokens) {
      if (tokens > this.left()) return false;
      this.used += tokens;
      return true;
    },
  };
}

const messageTokens = (m: SessionMessage) => estimateTokens(`${m.role} ${m.verb} ${m.at}\n${m.content}`);
const treeTokens = (e: TreeEntry) => estimateTokens(`${e.path} ${e.size}\n`);

function checkBudget(budget: number | undefined): number {
  if (budget === undefined) return DEFAULT_BUDGET_TOKENS;
  if (!Number.isInteger(budget) || budget < 1 || budget > MAX_BUDGET_TOKENS) {
    throw new Invalid(`The context budget must be a whole number of tokens from 1 to ${MAX_BUDGET_TOKENS.toLocaleString("en")}.`);
  }
  return budget;
}

/** The commit a diff base names, refusing anything git could read as an option or a range. */
async function resolveBase(repoRoot: string, base: string): Promise<string> {
  if (!/^[^-\s][^\s\0]{0,255}$/.test(base) || base.includes("..")) {
    throw new Invalid(`“${base.slice(0, 100)}” is not a valid diff base; give a branch, tag or commit.`);
  }
  const sha = (await tryGit(repoRoot, ["rev-parse", "--verify", "-q", `${base}^{commit}`]))?.trim();
  if (!sha) throw new Invalid(`“${base}” is not a commit in this repository.`);
  return sha;
}

/** Text of a regular file, or null when it is missing, a symlink, binary or too big to send. */
async function readText(repoRoot: string, rel: string): Promise<string | null> {
  try {
    const full = path.join(repoRoot, rel);
    const stat = await lstat(full);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return null;
    const buf = await readFile(full);
    if (buf.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return null;
    return buf.toString("utf8");
  } catch {
    return null;
  }
}

/** Content cut to `maxTokens`, at a line end when one is near. */
function cut(content: string, maxTokens: number): { text: string; truncated: boolean } {
  const maxChars = maxTokens * 4;
  if (content.length <= maxChars) return { text: content, truncated: false };
  const slice = content.slice(0, maxChars);
  const nl = slice.lastIndexOf("\n");
  return { text: nl > maxChars / 2 ? slice.slice(0, nl + 1) : slice, truncated: true };
}

/** Adds files in order while the budget lasts, reading a few ahead in parallel. */
async function addFiles(repoRoot: string, candidates: string[], reason: BundleFile["reason"], budget: Ledger, out: BundleFile[], seen: Set<string>) {
  const todo = candidates.filter((p) => !seen.has(p));
  const AHEAD = 16;
  for (let i = 0; i < todo.length; i += AHEAD) {
    if (budget.left() < MIN_FILE_TOKENS) return;
    const batch = todo.slice(i, i + AHEAD);
    const texts = await Promise.all(batch.map((p) => readText(repoRoot, p)));
    batch.forEach((p, k) => {
      const content = texts[k];
      if (content == null || seen.has(p)) return;
      const room = budget.left() - estimateTokens(`${p}\n`);
      if (room < MIN_FILE_TOKENS && content.length > 0) return;
      const { text, truncated } = cut(content, room);
      const tokens = estimateTokens(`${p}\n${text}`);
      if (!budget.take(tokens)) return;
      seen.add(p);
      out.push({ path: p, content: text, truncated, tokens, reason });
    });
  }
}

const JS_EXTS = [".ts", ".tsx", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs"];

/**
 * Test files named after `file` (`foo.ts` → `foo.test.ts`, `__tests__/foo.ts`, `test_foo.py`,
 * `FooTest.java`…), or the source a test file is named after, among `files`.
 */
export function relatedTests(file: string, files: Set<string>): string[] {
  const dir = path.posix.dirname(file);
  const base = path.posix.basename(file);
  const ext = path.posix.extname(base);
  const stem = base.slice(0, base.length - ext.length);
  const join = (d: string, name: string) => (d === "." ? name : `${d}/${name}`);
  const candidates: string[] = [];
  const tested = /^(.+)\.(?:test|spec)$/.exec(stem) ?? /^(.+)_test$/.exec(stem) ?? /^test_(.+)$/.exec(stem);
  if (tested) {
    const srcDir = path.posix.basename(dir) === "__tests__" ? path.posix.dirname(dir) : dir;
    const exts = JS_EXTS.includes(ext) ? JS_EXTS : [ext];
    for (const e of exts) candidates.push(join(srcDir, `${tested[1]}${e}`));
  } else {
    const exts = JS_EXTS.includes(ext) ? JS_EXTS : [ext];
    const names = exts.flatMap((e) => [`${stem}.test${e}`, `${stem}.spec${e}`, `${stem}_test${e}`, `test_${stem}${e}`, `${stem}Test${e}`]);
    const mirrored = (top: string) => (dir === "." ? top : `${top}/${dir}`);
    const dirs = [dir, join(dir, "tests"), join(dir, "test"), mirrored("tests"), mirrored("test"), "tests", "test"];
    if (dir.includes("src/main/")) dirs.push(dir.replace("src/main/", "src/test/"));
    for (const d of dirs) for (const name of names) candidates.push(join(d, name));
    for (const e of exts) candidates.push(join(join(dir, "__tests__"), `${stem}${e}`));
    for (const name of names) candidates.push(join(join(dir, "__tests__"), name));
  }
  return [...new Set(candidates)].filter((c) => c !== file && files.has(c));
}

/** Files under `folder`, shallowest first, so a big folder's top level comes before its depths. */
function filesUnder(tree: TreeEntry[], folder: string): string[] {
  if (folder === ".") return [];
  const prefix = `${folder}/`;
  const depth = (p: string) => p.split("/").length;
  return tree
    .filter((e) => e.path.startsWith(prefix))
    .map((e) => e.path)
    .sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Expands requested paths (files, or folders meaning their files) against the listed files. */
function expandRequested(requested: string[], tree: TreeEntry[], files: Set<string>): string[] {
  const out: string[] = [];
  for (const p of requested) {
    if (files.has(p)) out.push(p);
    else {
      const under = p === "." ? tree.map((e) => e.path) : filesUnder(tree, p);
      if (!under.length) throw new Invalid(`“${p}” is not a file or folder in the repository (ignored and missing files are never sent).`);
      out.push(...under);
    }
  }
  return out;
}

/**
 * Keeps diff sections that fit within `limit`, skipping ones that do not (a huge lockfile must not hide
 * the rest); `kept` marks them, so a second call can top up with what an earlier one skipped.
 */
function fillDiff(sections: DiffSection[], kept: boolean[], budget: Ledger, limit: number): void {
  sections.forEach((s, i) => {
    const tokens = estimateTokens(s.text);
    if (kept[i] || tokens > limit || !budget.take(tokens)) return;
    kept[i] = true;
    limit -= tokens;
  });
}

/** The most recent messages that fit (a contiguous tail, oldest first), within their share of the budget. */
function fitMessages(messages: SessionMessage[], budget: Ledger): SessionMessage[] {
  const cap = Math.min(budget.left(), Math.floor(budget.total * MESSAGE_SHARE));
  let spent = 0;
  let from = messages.length;
  while (from > 0 && spent + messageTokens(messages[from - 1]!) <= cap) spent += messageTokens(messages[--from]!);
  budget.take(spent);
  return messages.slice(from);
}

/**
 * A repository's context bundle for an engine, within `budgetTokens` (default 8,000, at most 200,000).
 * The diff is against `diffBase`, or HEAD when absent, so uncommitted work is what the engine sees first.
 */
export async function buildContext(repoRoot: string, opts: BuildContextOptions = {}): Promise<ContextBundle> {
  const budget = ledger(checkBudget(opts.budgetTokens));
  const focus = opts.focus && opts.focus !== "." ? safeRepoPath(repoRoot, opts.focus) : ".";
  const requested = (opts.paths ?? []).map((p) => safeRepoPath(repoRoot, p));
  const headP = headCommit(repoRoot);
  const baseP = opts.diffBase !== undefined ? resolveBase(repoRoot, opts.diffBase) : headP;
  const diffP = baseP.then((b) => (b ? diff(repoRoot, b) : ""));
  const [status, head, branch, tree, base, diffText] = await Promise.all([
    statusEntries(repoRoot),
    headP,
    currentBranch(repoRoot),
    listFiles(repoRoot),
    baseP,
    diffP,
  ]);
  const sections = parseDiff(diffText);

  const fileSet = new Set(tree.map((e) => e.path));
  const wanted = expandRequested(requested, tree, fileSet);
  const focusIsFile = fileSet.has(focus);
  if (focusIsFile) wanted.push(focus);
  else if (focus !== ".") expandRequested([focus], tree, fileSet); // refuses a focus that names nothing
  const focusFolder = focusIsFile ? path.posix.dirname(focus) : focus;

  const messages = fitMessages(opts.messages ?? [], budget);
  const kept = sections.map(() => false);
  fillDiff(sections, kept, budget, Math.floor(budget.total * DIFF_FIRST_SHARE));
  const files: BundleFile[] = [];
  const seen = new Set<string>();
  await addFiles(repoRoot, wanted, "requested", budget, files, seen);
  await addFiles(repoRoot, (await filesMatching(repoRoot, opts.terms ?? [], focusFolder)).filter((p) => fileSet.has(p)), "matched", budget, files, seen);

  const changed = [
    ...sections.filter((s) => s.file.status !== "deleted").map((s) => s.file.path),
    ...status.filter((e) => e.code === "??").map((e) => e.path),
  ].filter((p) => fileSet.has(p));
  await addFiles(repoRoot, changed, "changed", budget, files, seen);

  const related = [...changed, ...wanted].flatMap((p) => relatedTests(p, fileSet));
  related.push(...filesUnder(tree, focusFolder));
  await addFiles(repoRoot, related, "related", budget, files, seen);
  fillDiff(sections, kept, budget, Infinity);
  const diffKept = sections.filter((_, i) => kept[i]);

  const prefix = `${focusFolder}/`;
  const ordered = focusFolder === "." ? tree : [...tree.filter((e) => e.path.startsWith(prefix)), ...tree.filter((e) => !e.path.startsWith(prefix))];
  const slice: TreeEntry[] = [];
  for (const e of ordered) {
    if (!budget.take(treeTokens(e))) break;
    slice.push(e);
  }

  return {
    repoRoot,
    focus,
    head,
    branch,
    tree: slice,
    treeTotal: tree.length,
    treeTruncated: slice.length < tree.length,
    diff: base
      ? { base, text: diffKept.map((s) => s.text).join(""), files: diffKept.map((s) => s.file), truncated: diffKept.length < sections.length }
      : null,
    files,
    messages,
    budget: { tokens: budget.total, used: budget.used },
  };
}

/** The bundle of a request about no repository (a writing or triage stage): the conversation alone. */
export function emptyBundle(messages: SessionMessage[] = [], budgetTokens?: number): ContextBundle {
  const budget = ledger(checkBudget(budgetTokens));
  return {
    repoRoot: "",
    focus: ".",
    head: null,
    branch: null,
    tree: [],
    treeTotal: 0,
    treeTruncated: false,
    diff: null,
    files: [],
    messages: fitMessages(messages, budget),
    budget: { tokens: budget.total, used: budget.used },
  };
}
