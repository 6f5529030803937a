import type { Plan } from "./types";

/**
 * Which files a unified diff touches, and whether a plan accounted for them. Pure: reviewers see a
 * patch beside its plan, and a file the plan never mentions is the first thing worth a second look.
 */

export type PatchFile = {
  /** The path after the change (the old path for a deletion). */
  path: string;
  /** The path before the change when it differs (a rename), else null. */
  oldPath: string | null;
  status: "added" | "modified" | "deleted" | "renamed";
  additions: number;
  deletions: number;
};

const GIT_HEADER = /^diff --git (.+)$/;
const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/**
 * A path git quoted (`"b/caf\303\251.md"`) read back: C escapes, and octal bytes decoded as UTF-8. Dropping
 * the backslashes instead would turn `\056\056/x` (`../x`) into a harmless-looking `056056/x`.
 */
const encoder = new TextEncoder();

function unquote(quoted: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < quoted.length; i++) {
    const c = quoted[i]!;
    if (c !== "\\") {
      bytes.push(...encoder.encode(c));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(quoted.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = quoted[++i] ?? "";
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Drops git's quoting, a trailing timestamp, and the `a/` or `b/` prefix of a diff path. */
function cleanPath(raw: string, prefix: "a/" | "b/"): string | null {
  let p = raw.split("\t")[0]!.trim();
  if (p.startsWith('"') && p.endsWith('"')) p = unquote(p.slice(1, -1));
  if (p === "/dev/null") return null;
  return p.startsWith(prefix) ? p.slice(2) : p;
}

/** `a/x b/y` from a `diff --git` line; ambiguous with spaces in names, so only a fallback for `---`/`+++`. */
function gitHeaderPaths(rest: string): { a: string | null; b: string | null } {
  const quoted = rest.match(/^"(.+?)" "(.+)"$/);
  if (quoted) return { a: cleanPath(`"${quoted[1]}"`, "a/"), b: cleanPath(`"${quoted[2]}"`, "b/") };
  // With equal names (everything but renames) the split is the middle " b/".
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(half, half + 3) === " b/" && rest.slice(2, half) === rest.slice(half + 3)) {
    const name = rest.slice(2, half);
    return { a: name, b: name };
  }
  const at = rest.lastIndexOf(" b/");
  return at < 0 ? { a: null, b: null } : { a: cleanPath(rest.slice(0, at), "a/"), b: cleanPath(rest.slice(at + 1), "b/") };
}

type Draft = {
  /** Index of the file's first line in the patch. */
  from: number;
  a: string | null;
  b: string | null;
  /** Opened by a `diff --git` line and still waiting for its `---`: that line then belongs to it. */
  awaitsHeader: boolean;
  created: boolean;
  deleted: boolean;
  renamed: boolean;
  additions: number;
  deletions: number;
};

/** A file of a patch and its own section of the patch text, always starting with a `diff --git` line. */
export type PatchSection = PatchFile & { text: string };

function finish(d: Draft, lines: string[], to: number): PatchSection | null {
  const path = d.deleted ? d.a : (d.b ?? d.a);
  if (!path) return null;
  const oldPath = d.a && d.a !== path ? d.a : null;
  const status = d.created ? "added" : d.deleted ? "deleted" : d.renamed || oldPath ? "renamed" : "modified";
  const body = lines.slice(d.from, to);
  // Diff renderers (gitdiff-parser) only split files at git headers; plain diffs get one.
  if (!body[0]?.startsWith("diff --git ")) body.unshift(`diff --git a/${d.a ?? path} b/${d.b ?? path}`);
  while (body.length > 1 && body[body.length - 1] === "") body.pop();
  return { path, oldPath, status, additions: d.additions, deletions: d.deletions, text: `${body.join("\n")}\n` };
}

/** Each file of a unified diff (git style or plain `---`/`+++`) in order, with its lines added and removed and its text. */
export function splitPatch(patch: string | null | undefined): PatchSection[] {
  if (!patch) return [];
  const lines = patch.split(/\r?\n/);
  const files: PatchSection[] = [];
  let cur: Draft | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  const start = (i: number, git: boolean, a: string | null = null, b: string | null = null): Draft => {
    const done = cur && finish(cur, lines, i);
    if (done) files.push(done);
    return { from: i, a, b, awaitsHeader: git, created: false, deleted: false, renamed: false, additions: 0, deletions: 0 };
  };
  for (const [i, line] of lines.entries()) {
    // Inside a hunk every line is content, even one that looks like a header ("--- x" removed).
    if (cur && (oldLeft > 0 || newLeft > 0)) {
      if (line.startsWith("+")) {
        cur.additions++;
        newLeft--;
      } else if (line.startsWith("-")) {
        cur.deletions++;
        oldLeft--;
      } else if (!line.startsWith("\\")) {
        oldLeft--;
        newLeft--;
      }
      continue;
    }
    const git = line.match(GIT_HEADER);
    if (git) {
      const { a, b } = gitHeaderPaths(git[1]!);
      cur = start(i, true, a, b);
    } else if (line.startsWith("--- ")) {
      // A plain diff has no `diff --git` line: its `---` starts the file. A git one already did.
      if (!cur?.awaitsHeader) cur = start(i, false);
      cur.awaitsHeader = false;
      const a = cleanPath(line.slice(4), "a/");
      if (a === null) cur.created = true;
      else cur.a = a;
    } else if (!cur) {
      continue;
    } else if (line.startsWith("+++ ")) {
      const b = cleanPath(line.slice(4), "b/");
      if (b === null) cur.deleted = true;
      else cur.b = b;
    } else if (HUNK.test(line)) {
      const [, o, n] = line.match(HUNK)!;
      cur.awaitsHeader = false;
      oldLeft = o === undefined ? 1 : Number(o);
      newLeft = n === undefined ? 1 : Number(n);
    } else if (line.startsWith("new file mode")) cur.created = true;
    else if (line.startsWith("deleted file mode")) cur.deleted = true;
    else if (line.startsWith("rename from ")) {
      cur.renamed = true;
      cur.a = line.slice(12).trim();
    } else if (line.startsWith("rename to ")) {
      cur.renamed = true;
      cur.b = line.slice(10).trim();
    }
  }
  start(lines.length, false);
  return files;
}

/** The files of a unified diff, in order, with lines added and removed. */
export function parsePatchFiles(patch: string | null | undefined): PatchFile[] {
  return splitPatch(patch).map(({ text: _text, ...file }) => file);
}

const normalize = (p: string) => p.trim().replace(/^\.\//, "").replace(/^\/+/, "").replace(/\/+$/, "");

/** True when a plan's file entry names this path, or a folder holding it ("lib/agents/"). */
function covers(entry: string, path: string): boolean {
  const e = normalize(entry);
  return e !== "" && (e === "." || path === e || path.startsWith(`${e}/`));
}

/**
 * Files the patch touches that no plan step lists (a rename counts as listed under either name):
 * what the agent changed without saying so. Empty without a patch.
 */
export function filesBeyondPlan(plan: Pick<Plan, "steps"> | null | undefined, patch: string | null | undefined): string[] {
  const listed = (plan?.steps ?? []).flatMap((s) => s.files ?? []);
  const inPlan = (p: string | null) => p !== null && listed.some((e) => covers(e, normalize(p)));
  return parsePatchFiles(patch)
    .filter((f) => !inPlan(f.path) && !inPlan(f.oldPath))
    .map((f) => f.path);
}
