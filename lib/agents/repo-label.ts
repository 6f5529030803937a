import path from "node:path";
import { allowedRoots, isInside } from "./repo-paths";

/**
 * A repository as people and programs see it: its path relative to the allowed root that holds it, which is
 * also a `repo` the orchestrator accepts. The server's absolute path stays on the server; a repository no
 * root holds any more (the roots changed) shows as its folder name.
 */
export function repoLabel(repoRoot: string, roots: string[] = allowedRoots()): string {
  const root = roots.find((r) => isInside(r, repoRoot));
  if (!root) return path.basename(repoRoot);
  return path.relative(root, repoRoot).split(path.sep).join("/") || ".";
}
