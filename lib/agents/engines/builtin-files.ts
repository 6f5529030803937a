import type { Risk } from "../types";

/**
 * What the builtin engine knows about a path from its name alone: what kind of file it is, how risky
 * changing it is, and which tests belong to it. Pure; no file is read.
 */

export type FileKind = "migration" | "schema" | "auth" | "lockfile" | "config" | "docs" | "test" | "code" | "other";

const LOCKFILES = new Set(["package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "cargo.lock", "go.sum", "poetry.lock", "gemfile.lock", "composer.lock", "uv.lock"]);
const CODE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|go|rs|java|kt|rb|php|cs|swift|c|cc|cpp|h|hpp|scala|vue|svelte)$/i;

const base = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** The folder of a repository-relative path ("." for the root). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : path.slice(0, i);
}

/** Whether a path is a test by the usual conventions (x.test.ts, x.spec.js, __tests__/, tests/, test_x.py, x_test.go). */
export function isTestPath(path: string): boolean {
  return (
    /\.(test|spec)\.[^/]+$/i.test(path) ||
    /(^|\/)(__tests__|tests?|e2e|spec)\//i.test(path) ||
    /(^|\/)test_[^/]+\.py$/i.test(path) ||
    /_test\.(go|py)$/i.test(path)
  );
}

/** Classifies a path by name; the first matching kind wins, so db/schema/auth.ts is a schema file. */
export function fileKind(path: string): FileKind {
  const p = path.toLowerCase();
  const name = base(p);
  if (LOCKFILES.has(name)) return "lockfile";
  if (/(^|\/)(migrations?|drizzle|alembic)\//.test(p) || /\.sql$/.test(p) || /(^|\/)migrat/.test(name)) return "migration";
  // A database schema: a schema/ folder or a schema.* file (db/schema.ts, schema.prisma). Not "schemas.ts",
  // which by this codebase's convention holds zod input schemas.
  if (/(^|\/)schema(\/|\.[^/]+$)/.test(p) || /\.prisma$/.test(p)) return "schema";
  if (isTestPath(p)) return "test";
  if (/\.(md|mdx|rst|txt|adoc)$/.test(name) || /(^|\/)docs?\//.test(p) || /^(license|changelog|contributing)/.test(name)) return "docs";
  if (/(^|\/|[-_.])(auth|authn|authz|security|permissions?|rbac|acl|crypto|secrets?|passwords?|oauth|jwt|csrf)([-_.\/]|$)/.test(p)) return "auth";
  if (
    /(^|\/)\.env/.test(p) ||
    /(^|\/)\.github\//.test(p) ||
    /(^|\/)(dockerfile|docker-compose[^/]*|makefile|package\.json|tsconfig[^/]*\.json|\.npmrc|\.nvmrc)$/.test(p) ||
    /\.config\.[^/]+$/.test(name) ||
    /\.(ya?ml|toml|ini)$/.test(name)
  )
    return "config";
  if (CODE_EXT.test(name)) return "code";
  return "other";
}

const KIND_RISK: Record<FileKind, Risk> = {
  migration: "high",
  schema: "high",
  auth: "high",
  lockfile: "medium",
  config: "medium",
  code: "low",
  other: "low",
  docs: "low",
  test: "low",
};

/** How risky a change to this kind of file is before its size is considered. */
export function kindRisk(kind: FileKind): Risk {
  return KIND_RISK[kind];
}

const ORDER: Risk[] = ["low", "medium", "high"];

/** The higher of two risks. */
export function maxRisk(a: Risk, b: Risk): Risk {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/**
 * The risk of an area from its kinds and lines changed: under 50 lines low, under 200 medium, else high.
 * Docs and tests stay low unless very large (500+ lines), where a reviewer still has to read it all.
 */
export function areaRisk(kinds: FileKind[], linesChanged: number): Risk {
  const byKind = kinds.map(kindRisk).reduce(maxRisk, "low");
  const onlyDocsOrTests = kinds.every((k) => k === "docs" || k === "test");
  const bySize: Risk = onlyDocsOrTests ? (linesChanged >= 500 ? "medium" : "low") : linesChanged >= 200 ? "high" : linesChanged >= 50 ? "medium" : "low";
  return maxRisk(byKind, bySize);
}

/** Whether a path is source code that ought to have tests (not docs, config, migrations or a test itself). */
export function needsTests(path: string): boolean {
  const kind = fileKind(path);
  return (kind === "code" || kind === "auth" || kind === "schema") && CODE_EXT.test(path) && !/\.d\.ts$/.test(path);
}

/** A file's name without folder, extensions and test markers: lib/a/route.test.ts → "route". */
export function stemOf(path: string): string {
  return base(path)
    .replace(/\.[^.]+$/, "")
    .replace(/\.(test|spec)$/i, "")
    .replace(/^test_|_test$/i, "")
    .toLowerCase();
}

// Names shared by many unrelated files: a test of that name elsewhere says nothing about this file.
const GENERIC_STEMS = new Set(["index", "main", "mod", "utils", "util", "types", "helpers", "lib", "__init__", "page", "route", "layout"]);

const TEST_FOLDER = /(^|\/)(__tests__|tests?|spec)\//i;

/**
 * The tests among `candidates` that belong to a source file: same name in the same folder (or its
 * __tests__/tests subfolder), else, for a distinctive name, the same name in a separate test tree
 * (tests/test_route.py for src/app/route.py), those naming the source's folder first.
 */
export function testsFor(sourcePath: string, candidates: string[]): string[] {
  const stem = stemOf(sourcePath);
  const folder = folderOf(sourcePath);
  const named = candidates.filter((c) => c !== sourcePath && isTestPath(c) && stemOf(c) === stem);
  const near = named.filter((c) => {
    const f = folderOf(c);
    return f === folder || f === `${folder}/__tests__` || f === `${folder}/tests` || f === `${folder}/test`;
  });
  if (near.length || GENERIC_STEMS.has(stem)) return near;
  // A colocated test of the same name in another folder (lib/triggers/schemas.test.ts) tests that folder.
  const parent = folder.slice(folder.lastIndexOf("/") + 1).toLowerCase();
  const mirrored = named.filter((c) => TEST_FOLDER.test(c));
  const closer = mirrored.filter((c) => parent !== "." && c.toLowerCase().includes(`/${parent}/`));
  return (closer.length ? closer : mirrored).slice(0, 3);
}
