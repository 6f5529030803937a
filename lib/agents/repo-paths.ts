import { lstatSync, mkdirSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/db/data-dir";
import { Invalid, NotFound } from "@/lib/errors";
import { tryGit } from "./git";

/**
 * Where agents may read and write: a fixed list of root folders, and repositories wholly inside them.
 * Every path a user, an engine or a patch names goes through here before git or fs sees it.
 */

/** True when `child` is `parent` or lies below it (both absolute; no filesystem access). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

const toPosix = (p: string) => p.split(path.sep).join("/");

/** The allowed repository roots: `TANDEM_REPO_ROOTS` (real paths, missing ones dropped) or `<data dir>/repos`. */
export function allowedRoots(): string[] {
  const raw = process.env.TANDEM_REPO_ROOTS?.trim();
  if (!raw) {
    const dir = path.join(dataDir(), "repos");
    mkdirSync(dir, { recursive: true });
    return [realpathSync(dir)];
  }
  const roots: string[] = [];
  for (const part of raw.split(new RegExp(`[${path.delimiter},]`))) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    try {
      const real = realpathSync(path.resolve(trimmed));
      if (!roots.includes(real)) roots.push(real);
    } catch {
      // A root that does not exist (yet) cannot hold a repository; dropping it beats failing every call.
    }
  }
  return roots;
}

function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

async function gitTopLevel(dir: string): Promise<string | null> {
  const top = (await tryGit(dir, ["rev-parse", "--show-toplevel"]))?.trim();
  return top ? realOrNull(top) : null;
}

/**
 * The git repository a target names (absolute, or relative to one of `roots`), checked to lie wholly
 * inside an allowed root after resolving symlinks; `focus` is the target relative to the repository.
 */
export async function resolveRepo(target: string, roots = allowedRoots()): Promise<{ repoRoot: string; focus: string }> {
  const shown = `“${target}”`;
  // Server paths stay on the server (API callers read these messages); only say when there are no roots at all.
  const rootList = roots.length ? "" : " (none configured; set TANDEM_REPO_ROOTS)";
  if (typeof target !== "string" || !target.trim() || target.includes("\0")) {
    throw new Invalid("Give the repository as a path inside the allowed repository roots.");
  }
  let real: string | null = null;
  if (path.isAbsolute(target)) real = realOrNull(target);
  else {
    for (const root of roots) {
      real = realOrNull(path.resolve(root, target));
      if (real) break;
    }
  }
  if (!real) throw new NotFound(`A repository at ${shown} under the allowed roots${rootList}`);
  if (!roots.some((root) => isInside(root, real))) throw new Invalid(`${shown} is outside the allowed repository roots.`);

  const dir = lstatSync(real).isDirectory() ? real : path.dirname(real);
  const repoRoot = await gitTopLevel(dir);
  if (!repoRoot) throw new Invalid(`${shown} is not inside a git repository: name a repository folder under the allowed roots, like “shop” or “shop/src”.`);
  // A folder under a root can belong to a repository that starts above it; git would then read and
  // write outside the root, so the repository itself must lie inside.
  if (!roots.some((root) => isInside(root, repoRoot))) throw new Invalid(`${shown} is outside the allowed repository roots.`);
  const focus = toPosix(path.relative(repoRoot, real)) || ".";
  return { repoRoot, focus };
}

/** The deepest existing path at or above `full`, resolved, without following a dangling link out. */
function realOfExisting(full: string, stop: string): string | null {
  let current = full;
  for (;;) {
    const real = realOrNull(current);
    if (real) return real;
    try {
      if (lstatSync(current).isSymbolicLink()) {
        // A dangling link: judge it by where it points, since writing through it would land there.
        return path.resolve(path.dirname(current), readlinkSync(current));
      }
    } catch {
      // does not exist: look at the parent
    }
    if (current === stop) return null;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/**
 * A user's or a patch's path inside a repository, normalized (forward slashes) or refused: empty,
 * absolute, `..`, NUL, `.git/…`, or leaving the repository through a symlink.
 */
export function safeRepoPath(repoRoot: string, rel: string): string {
  const shown = `“${String(rel).replace(/\0/g, "\\0")}”`;
  if (typeof rel !== "string" || !rel.trim()) throw new Invalid("A path inside the repository is required.");
  if (rel.includes("\0")) throw new Invalid(`${shown} contains a NUL byte.`);
  if (/^[/\\]/.test(rel) || /^[A-Za-z]:/.test(rel)) throw new Invalid(`${shown} is absolute; give a path relative to the repository.`);
  // Backslashes count as separators here so `a\..\b` cannot slip past on Windows.
  const segments = rel.split(/[/\\]/);
  if (segments.includes("..")) throw new Invalid(`${shown} leaves the repository (“..” is not allowed).`);
  const kept = segments.filter((s) => s !== "" && s !== ".");
  // `.git/` holds hooks and credentials: nothing an agent should read or a patch should write.
  if (kept.some((s) => s.toLowerCase() === ".git")) throw new Invalid(`${shown} is inside .git, which agents may not touch.`);
  const normalized = kept.join("/") || ".";
  const realRoot = realOrNull(repoRoot) ?? path.resolve(/*turbopackIgnore: true*/ repoRoot);
  const full = path.join(/*turbopackIgnore: true*/ realRoot, ...kept);
  const real = realOfExisting(full, realRoot);
  if (real && !isInside(realRoot, real)) throw new Invalid(`${shown} leaves the repository through a symbolic link.`);
  return normalized;
}
