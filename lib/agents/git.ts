import { execFile } from "node:child_process";
import { lstatSync } from "node:fs";
import path from "node:path";
import type { DiffFile, TreeEntry } from "./types";

/**
 * The git binary, called without a shell: every call runs in the repository with fixed options so a
 * user's git config (pagers, colours, prefixes, external diff tools) cannot change what we parse.
 */

const MAX_BUFFER = 64 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

/** A failed git call: `stderr` holds git's full reason, the message its first line. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = "GitError";
  }
}

/** The environment for git calls: no prompts, and no inherited GIT_DIR that would point git elsewhere. */
export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
  for (const key of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_NAMESPACE"]) delete env[key];
  return env;
}

export type GitOptions = { input?: string; config?: string[]; timeoutMs?: number };

/** Runs `git <args>` in `repoRoot` and returns stdout; throws GitError with git's first stderr line. */
export function git(repoRoot: string, args: string[], opts: GitOptions = {}): Promise<string> {
  const config = ["core.quotepath=off", ...(opts.config ?? [])].flatMap((c) => ["-c", c]);
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      [...config, ...args],
      { cwd: repoRoot, env: gitEnv(), maxBuffer: MAX_BUFFER, timeout: opts.timeoutMs ?? TIMEOUT_MS, encoding: "utf8" },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean };
        const first = stderr.split("\n").find((l) => l.trim()) ?? "";
        let reason = first.trim() || e.message;
        if (e.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") reason = `its output is larger than ${MAX_BUFFER / 1024 / 1024} MB`;
        else if (e.killed) reason = `it took longer than ${(opts.timeoutMs ?? TIMEOUT_MS) / 1000} s`;
        else if (e.code === "ENOENT") reason = "the git binary was not found on this machine";
        reject(new GitError(`git ${args[0]} failed: ${reason}`, stderr, typeof e.code === "number" ? e.code : null));
      },
    );
    // git may exit before reading all of stdin (a refused patch); that EPIPE is not the error to report.
    child.stdin?.on("error", () => {});
    child.stdin?.end(opts.input ?? "");
  });
}

/** Like `git`, but a non-zero exit (a ref that does not exist, say) gives null instead of throwing. */
export async function tryGit(repoRoot: string, args: string[], opts?: GitOptions): Promise<string | null> {
  try {
    return await git(repoRoot, args, opts);
  } catch (err) {
    if (err instanceof GitError && err.exitCode !== null) return null;
    throw err;
  }
}

/** The commit HEAD points at, or null in a repository without commits. */
export async function headCommit(repoRoot: string): Promise<string | null> {
  return (await tryGit(repoRoot, ["rev-parse", "--verify", "-q", "HEAD^{commit}"]))?.trim() || null;
}

/** The checked-out branch's short name, or null when HEAD is detached. */
export async function currentBranch(repoRoot: string): Promise<string | null> {
  return (await tryGit(repoRoot, ["symbolic-ref", "--short", "-q", "HEAD"]))?.trim() || null;
}

export type StatusEntry = { code: string; path: string };

/** `git status --porcelain` as entries (untracked included, ignored not); renames give the new path. */
export async function statusEntries(repoRoot: string): Promise<StatusEntry[]> {
  // No optional locks: a read must never leave the user's own git facing "index.lock exists".
  const out = await git(repoRoot, ["--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all", "--ignore-submodules=none"]);
  const parts = out.split("\0");
  const entries: StatusEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.length < 4) continue;
    const code = part.slice(0, 2);
    entries.push({ code, path: part.slice(3) });
    if (code[0] === "R" || code[0] === "C") i++; // the source path follows as its own field
  }
  return entries;
}

/** True when the working tree or index differs from HEAD, untracked files included. */
export async function isDirty(repoRoot: string): Promise<boolean> {
  return (await statusEntries(repoRoot)).length > 0;
}

// Synchronous lstat in chunks: 10,000 async stats queue on libuv's four threads (~100 ms), while
// lstatSync does them in ~25 ms; yielding between chunks keeps the event loop free in the meantime.
const STAT_CHUNK = 500;

/** Tracked and untracked (not ignored) files with their sizes in the working tree, sorted by path. */
export async function listFiles(repoRoot: string): Promise<TreeEntry[]> {
  const listed = await git(repoRoot, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  const paths = [...new Set(listed.split("\0").filter(Boolean))].sort();
  const out: TreeEntry[] = [];
  for (let i = 0; i < paths.length; i += STAT_CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const p of paths.slice(i, i + STAT_CHUNK)) {
      const stat = lstatSync(path.join(repoRoot, p), { throwIfNoEntry: false });
      if (stat) out.push({ path: p, size: stat.size }); // missing: deleted in the working tree
    }
  }
  return out;
}

// Fixed prefixes and rename detection, whatever diff.noprefix / diff.renames / diff.relative say.
const DIFF_OPTS = ["--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "-M", "--src-prefix=a/", "--dst-prefix=b/"];

/** `git diff <base>` against the working tree (tracked files), as unified diff text. */
export function diff(repoRoot: string, base: string): Promise<string> {
  return git(repoRoot, ["diff", ...DIFF_OPTS, base, "--"]);
}

export type NumstatEntry = { path: string; oldPath?: string; additions: number; deletions: number; binary: boolean };

/** Added and deleted lines per file between `base` and the working tree (`git diff --numstat`). */
export async function numstat(repoRoot: string, base: string): Promise<NumstatEntry[]> {
  const out = await git(repoRoot, ["diff", "--numstat", "-z", ...DIFF_OPTS, base, "--"]);
  const parts = out.split("\0");
  const entries: NumstatEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const fields = parts[i]!.split("\t");
    if (fields.length < 3) continue;
    const binary = fields[0] === "-";
    const counts = { additions: binary ? 0 : Number(fields[0]), deletions: binary ? 0 : Number(fields[1]), binary };
    // With -z a rename leaves the path field empty and gives the old and new paths as the next fields.
    if (fields[2] === "") {
      entries.push({ path: parts[i + 2]!, oldPath: parts[i + 1]!, ...counts });
      i += 2;
    } else entries.push({ path: fields.slice(2).join("\t"), ...counts });
  }
  return entries;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** A path as git prints it in diffs: C-quoted (`"a\tb"`, octal bytes) when it has special characters. */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The index of the quote closing the C-quoted string that opens at `open`, or -1. */
function closingQuote(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

/** Splits `"a/x" "b/y"` or `a/x b/y` (equal names when unquoted, as git writes them). */
function headerPaths(rest: string): [string, string] | null {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest, 0);
    if (end < 0) return null;
    return [unquoteGitPath(rest.slice(0, end + 1)), unquoteGitPath(rest.slice(end + 1).trim())];
  }
  const quoted = rest.indexOf(' "');
  if (quoted >= 0 && rest.endsWith('"')) return [rest.slice(0, quoted), unquoteGitPath(rest.slice(quoted + 1))];
  // Unquoted names may hold spaces; git only writes this form with both names equal.
  const n = (rest.length - 5) / 2;
  if (Number.isInteger(n) && rest.slice(2, 2 + n) === rest.slice(5 + n)) return [rest.slice(0, 2 + n), rest.slice(3 + n)];
  const cut = rest.indexOf(" b/");
  return cut < 0 ? null : [rest.slice(0, cut), rest.slice(cut + 1)];
}

const stripPrefix = (p: string) => (/^[ab]\//.test(p) ? p.slice(2) : p);

export type DiffSection = { text: string; file: DiffFile };

/** Cuts `git diff` output into one section per file, each with its status and line counts. */
export function parseDiff(text: string): DiffSection[] {
  const starts: number[] = [];
  if (text.startsWith("diff --git ")) starts.push(0);
  for (let i = text.indexOf("\ndiff --git "); i >= 0; i = text.indexOf("\ndiff --git ", i + 1)) starts.push(i + 1);
  return starts.map((start, k) => {
    const section = text.slice(start, starts[k + 1] ?? text.length);
    const lines = section.split("\n");
    const names = headerPaths(lines[0]!.slice("diff --git ".length)) ?? ["", ""];
    let oldPath = stripPrefix(names[0]);
    let newPath = stripPrefix(names[1]);
    let status: DiffFile["status"] = "modified";
    let additions = 0;
    let deletions = 0;
    let inHunks = false;
    for (const line of lines.slice(1)) {
      if (inHunks || line.startsWith("@@")) {
        inHunks = true;
        if (line.startsWith("+")) additions++;
        else if (line.startsWith("-")) deletions++;
      } else if (line.startsWith("new file mode")) status = "added";
      else if (line.startsWith("deleted file mode")) status = "deleted";
      else if (line.startsWith("rename from ")) [status, oldPath] = ["renamed", unquoteGitPath(line.slice(12))];
      else if (line.startsWith("rename to ")) newPath = unquoteGitPath(line.slice(10));
    }
    const file: DiffFile = { path: status === "deleted" ? oldPath : newPath, status, additions, deletions };
    if (status === "renamed") file.oldPath = oldPath;
    return { text: section, file };
  });
}
