import { type PatchFile, parsePatchFiles } from "@/lib/agents/patch-files";
import { stringsOf } from "./text";

/**
 * Unified diffs inside an agent's output, wherever they sit (`{result: {patch: "…"}}`), and whether the
 * paths they touch stay inside an allow-list of globs. Parsing is patch-files.ts's; this adds the search
 * and the path rules a guardrail needs.
 */

// A `---` line directly followed by a `+++` line: the header of a plain (non-git) unified diff.
const PLAIN_HEADER = /^--- [^\n]*\r?\n\+\+\+ /m;

/** The strings of `output` that hold a unified diff (deduplicated); empty when there is none. */
export function patchesIn(output: unknown): string[] {
  return stringsOf(output).filter((s) => s.includes("diff --git ") || PLAIN_HEADER.test(s));
}

/** The files the patches touch, in order; a file two patches touch appears twice. */
export function patchFiles(patches: string[]): PatchFile[] {
  return patches.flatMap((p) => parsePatchFiles(p));
}

const escapeRe = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, "\\$&");

/** A glob as a RegExp: `*` and `?` stay within a segment, `**` spans any depth (`src/**`, `**\/*.md`). */
export function globToRegExp(glob: string): RegExp {
  const g = glob.trim().replace(/^(?:\.\/)+/, "");
  let re = "";
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === "*" && g[i + 1] === "*") {
      const atStart = i === 0 || g[i - 1] === "/";
      i++;
      if (atStart && g[i + 1] === "/") {
        re += "(?:[^/]*/)*"; // `**/`: zero or more whole folders
        i++;
      } else re += ".*";
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += escapeRe(c);
  }
  // `src/**` also names `src` itself, as in git's pathspecs.
  if (g.endsWith("/**")) re = `${re.slice(0, -"/.*".length)}(?:/.*)?`;
  return new RegExp(`^${re}$`);
}

/** True when a patch path may not be allowed by any glob: absolute, climbing out with `..`, or backslashed. */
function escapesRepo(path: string): boolean {
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.includes("\\") || path.includes("\0")) return true;
  return path.split("/").some((seg) => seg === "..");
}

/**
 * The paths the patches touch that no glob allows (a rename's old and new path both count), in order and
 * deduplicated. Absolute paths and `..` segments (also when git quoted them as octal escapes) are always outside.
 */
export function pathsOutside(patches: string[], globs: string[]): string[] {
  const matchers = globs.map(globToRegExp);
  const allowed = (raw: string) => {
    const path = raw.replace(/^(?:\.\/)+/, "");
    return !escapesRepo(path) && matchers.some((m) => m.test(path));
  };
  const outside = new Set<string>();
  for (const f of patchFiles(patches)) {
    for (const p of [f.oldPath, f.path]) if (p !== null && !allowed(p)) outside.add(p);
  }
  return [...outside];
}
