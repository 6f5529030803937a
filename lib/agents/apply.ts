import { randomBytes } from "node:crypto";
import { AppError, Conflict, Invalid } from "@/lib/errors";
import { GitError, currentBranch, git, headCommit, statusEntries, tryGit, unquoteGitPath } from "./git";
import { safeRepoPath } from "./repo-paths";

/**
 * Applies an engine's patch as one commit on a new branch, or leaves the repository exactly as it was.
 * On success the new branch stays checked out, so the change is in the working tree to try at once;
 * the original branch is untouched and `git checkout <original>` goes back.
 */

export type PatchAuthor = { name: string; email: string };
export type ApplyOptions = { branch?: string; message?: string; author?: PatchAuthor };
/** A patch committed on its new branch (the stored outcome of an apply is `ApplyResult` in db/schema). */
export type AppliedPatch = { branch: string; base: string; commit: string; files: string[] };

export const DEFAULT_AUTHOR: PatchAuthor = { name: "Tandem Agent", email: "agent@tandem.local" };
export const DEFAULT_MESSAGE = "Apply agent patch";
const MAX_PATCH_BYTES = 16 * 1024 * 1024;
// --recount: engines often get hunk line counts wrong; git can count them itself.
const APPLY_FLAGS = ["--recount", "--whitespace=nowarn"];
// A repository's hooks are not run for agent commits: nobody is there to answer them, and a hook
// could rewrite what was reviewed. Signing is off for the same reason (it may wait for a passphrase).
const COMMIT_CONFIG = ["core.hooksPath=/dev/null", "commit.gpgsign=false"];

type PatchName = { raw: string; prefixed: boolean };

/** The file names a patch's headers mention (`diff --git`, `---`/`+++`, rename/copy lines), as written. */
export function patchPaths(patch: string): PatchName[] {
  const names = new Map<string, PatchName>();
  const add = (raw: string, prefixed: boolean) => {
    const name = unquoteGitPath(raw.trim());
    if (name && name !== "/dev/null") names.set(`${prefixed}:${name}`, { raw: name, prefixed });
  };
  // Hunk lines are content, not headers ("-- /usr/bin" removed from a SQL file is no path): skip them
  // by the hunk's counts. Wrong counts only make this miss names, and git's own reading covers those.
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of patch.split(/\r?\n/)) {
    if (oldLeft > 0 || newLeft > 0) {
      const c = line[0];
      if (c === "\\") continue;
      if (c === " " || line === "") {
        oldLeft--;
        newLeft--;
        continue;
      }
      if (c === "-" && oldLeft > 0) {
        oldLeft--;
        continue;
      }
      if (c === "+" && newLeft > 0) {
        newLeft--;
        continue;
      }
      oldLeft = newLeft = 0;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      [oldLeft, newLeft] = [Number(hunk[1] ?? 1), Number(hunk[2] ?? 1)];
      continue;
    }
    if (line.startsWith("diff --git ")) {
      // Quoted names, or two names split at " b/"; the ---/+++ lines and git's own reading cover the rest.
      const rest = line.slice(11);
      const quoted = rest.match(/"(?:[^"\\]|\\.)*"/g);
      const cut = rest.indexOf(" b/");
      if (quoted) quoted.forEach((q) => add(q, true));
      else if (cut >= 0) [rest.slice(0, cut), rest.slice(cut + 1)].forEach((n) => add(n, true));
      continue;
    }
    const header = /^(--- |\+\+\+ |rename from |rename to |copy from |copy to )(.+)$/.exec(line);
    // Traditional patches append a tab and a timestamp to ---/+++ names.
    if (header) add(header[2]!.split("\t")[0]!, header[1]!.length === 4);
  }
  return [...names.values()];
}

const stripPrefix = (name: string) => (name.includes("/") ? name.slice(name.indexOf("/") + 1) : name);

/** A patch name checked as git will use it (`-p1` for headers), refusing one written to aim outside, like `../x`. */
function checkPatchPath(repoRoot: string, { raw, prefixed }: PatchName): string {
  try {
    // Judge the name as written too: git would strip `../` or `/` as a prefix, but the intent is plain.
    if (/^[/\\]|^[A-Za-z]:/.test(raw) || raw.split(/[/\\]/).includes("..")) safeRepoPath(repoRoot, raw);
    return safeRepoPath(repoRoot, prefixed ? stripPrefix(raw) : raw);
  } catch (err) {
    if (err instanceof AppError) throw new Invalid(`The patch touches a path it may not: ${err.message}`);
    throw err;
  }
}

/** What `git apply` itself reads from the patch: the paths it would write, after stripping prefixes. */
async function gitPatchPaths(repoRoot: string, patch: string): Promise<string[]> {
  const out = await git(repoRoot, ["apply", "--numstat", "-z", ...APPLY_FLAGS], { input: patch }).catch((err: unknown) => {
    throw new Invalid(`The patch is not a diff git can read: ${reasonOf(err)}`);
  });
  const parts = out.split("\0");
  const paths: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const fields = parts[i]!.split("\t");
    if (fields.length < 3) continue;
    // A rename leaves the name field empty and gives both names as the next two fields.
    if (fields[2] === "") {
      paths.push(parts[i + 1]!, parts[i + 2]!);
      i += 2;
    } else paths.push(fields.slice(2).join("\t"));
  }
  return paths;
}

/** git's reason, without its "error:" prefixes, a few lines at most. */
function reasonOf(err: unknown): string {
  if (!(err instanceof GitError)) return (err as Error).message;
  const lines = err.stderr.split("\n").map((l) => l.replace(/^(error|fatal): /, "").trim()).filter(Boolean);
  return lines.slice(0, 3).join("; ") || err.message;
}

function defaultBranchName(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `tandem/agent-${stamp}-${randomBytes(2).toString("hex")}`;
}

async function checkBranch(repoRoot: string, branch: string): Promise<void> {
  const normalized = branch.startsWith("-") || branch.length > 200 ? null : (await tryGit(repoRoot, ["check-ref-format", "--branch", branch]))?.trim();
  if (normalized !== branch) throw new Invalid(`“${branch}” is not a valid branch name.`);
  if (await tryGit(repoRoot, ["show-ref", "--verify", "-q", `refs/heads/${branch}`]) !== null) {
    throw new Conflict(`A branch named “${branch}” already exists; choose another name.`);
  }
}

function checkAuthor(author: PatchAuthor): PatchAuthor {
  const email = author.email?.trim() ?? "";
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(email) || email.length > 200) throw new Invalid(`“${email.slice(0, 200)}” is not an email address git can use.`);
  // git splits "Name <email>" on angle brackets and control characters would forge header lines;
  // a user's display name with them is cleaned rather than refused, as it is not theirs to fix here.
  const name = (author.name ?? "").replace(/[<>]/g, "").replace(/[\s\x00-\x1f\x7f]+/g, " ").trim().slice(0, 200);
  return { name: name || email.split("@")[0]!, email };
}

// One patch at a time per repository: two would race on the index and on each other's restore.
const locks = new Map<string, Promise<unknown>>();
async function exclusive<T>(repoRoot: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(repoRoot) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(fn);
  locks.set(repoRoot, run);
  try {
    return await run;
  } finally {
    if (locks.get(repoRoot) === run) locks.delete(repoRoot);
  }
}

type Before = { base: string; branch: string | null; created: string | null };

/** Back to the state before: the tree was clean, so a hard reset and a clean lose nothing of anyone's. */
async function restore(repoRoot: string, before: Before): Promise<void> {
  await git(repoRoot, ["reset", "-q", "--hard"]);
  await git(repoRoot, ["clean", "-fdq"]);
  const target = before.branch ? [before.branch] : ["--detach", before.base];
  await git(repoRoot, ["checkout", "-q", ...target], { config: COMMIT_CONFIG });
  if (before.created) await git(repoRoot, ["branch", "-q", "-D", before.created]);
  const [head, branch, status] = await Promise.all([headCommit(repoRoot), currentBranch(repoRoot), statusEntries(repoRoot)]);
  if (head !== before.base || branch !== before.branch || status.length) throw new Error("the repository is not back where it was");
}

/**
 * Applies `patch` (a unified diff) to the clean repository at `repoRoot` as one commit on a new branch
 * (`tandem/agent-<utc stamp>-<hex>` unless named), and leaves that branch checked out. Refuses empty
 * patches, paths outside the repository, a dirty tree and patches that do not apply, changing nothing.
 */
export async function applyPatch(patch: string, repoRoot: string, opts: ApplyOptions = {}): Promise<AppliedPatch> {
  if (typeof patch !== "string" || !patch.trim()) throw new Invalid("The patch is empty.");
  if (patch.length > MAX_PATCH_BYTES) throw new Invalid("The patch is larger than 16 MB.");
  if (patch.includes("\0")) throw new Invalid("The patch contains a NUL byte; binary changes must use git's binary patch format.");
  const message = opts.message?.trim() || DEFAULT_MESSAGE;
  if (message.length > 10_000) throw new Invalid("The commit message is longer than 10,000 characters.");
  const author = checkAuthor(opts.author ?? DEFAULT_AUTHOR);
  const written = patchPaths(patch);
  if (!written.length) throw new Invalid("The patch names no files; give a unified diff (`git diff` output).");
  for (const name of written) checkPatchPath(repoRoot, name);
  // A link could later lead reads and writes out of the repository; a submodule pulls in another one.
  if (/^(?:new file mode|new mode|index [0-9a-f]+\.\.[0-9a-f]+) 1[26]0000\b/m.test(patch)) {
    throw new Invalid("The patch adds a symbolic link or a submodule, which agents may not do.");
  }

  return exclusive(repoRoot, async () => {
    for (const raw of await gitPatchPaths(repoRoot, patch)) checkPatchPath(repoRoot, { raw, prefixed: false });
    const status = await statusEntries(repoRoot);
    if (status.length) {
      const shown = status.slice(0, 3).map((e) => e.path).join(", ");
      const more = status.length > 3 ? ` and ${status.length - 3} more` : "";
      throw new Conflict(`The repository has uncommitted changes (${shown}${more}); commit or stash them first.`);
    }
    const base = await headCommit(repoRoot);
    if (!base) throw new Conflict("The repository has no commits yet; make a first commit, then apply the patch.");
    const before: Before = { base, branch: await currentBranch(repoRoot), created: null };
    const branch = opts.branch ?? defaultBranchName();
    await checkBranch(repoRoot, branch);
    await git(repoRoot, ["apply", "--check", ...APPLY_FLAGS], { input: patch }).catch((err: unknown) => {
      throw new Invalid(`The patch does not apply: ${reasonOf(err)}`);
    });

    try {
      await git(repoRoot, ["checkout", "-q", "-b", branch], { config: COMMIT_CONFIG });
      before.created = branch;
      await git(repoRoot, ["apply", "--index", ...APPLY_FLAGS], { input: patch });
      const identity = [`user.name=${author.name}`, `user.email=${author.email}`];
      await git(repoRoot, ["commit", "-q", "--no-verify", "--cleanup=verbatim", "-m", message], { config: [...COMMIT_CONFIG, ...identity] });
      const commit = (await headCommit(repoRoot))!;
      const files = await git(repoRoot, ["diff-tree", "-r", "--no-commit-id", "--name-only", "-z", "--no-renames", base, commit]);
      return { branch, base, commit, files: files.split("\0").filter(Boolean) };
    } catch (err) {
      try {
        await restore(repoRoot, before);
      } catch (undoErr) {
        throw new Conflict(
          `The patch could not be committed (${reasonOf(err)}), and restoring the repository failed too (${reasonOf(undoErr)}); check it by hand.`,
        );
      }
      throw new Conflict(`The patch could not be committed (${reasonOf(err)}); the repository was left as it was.`);
    }
  });
}
