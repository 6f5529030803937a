import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDemoRepository } from "../db/seed-repo";

/**
 * Git repositories a test makes for the agent to work on, under `<E2E_DATA_DIR>/repos`: the server's
 * default allowed root, so a stage names one by its folder name. Each test makes its own (unique name),
 * so tests that apply patches never share a working tree.
 */

const GIT_CONFIG = ["-c", "user.name=E2E Test", "-c", "user.email=e2e@tandem.local", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"];

/** The server's default allowed root for agent repositories. */
export function reposRoot(): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run the specs through playwright.config.ts");
  return path.join(dataDir, "repos");
}

const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
}

/** A repository on disk and the few git questions the specs ask about it. */
export class GitRepo {
  /** The folder name: what a stage's `agentTargetPath` or a session's repository names. */
  readonly name: string;
  readonly dir: string;

  constructor(name: string) {
    this.name = name;
    this.dir = path.join(reposRoot(), name);
  }

  /** Runs git in the repository and returns its output, trimmed. */
  git(...args: string[]): string {
    return execFileSync("git", [...GIT_CONFIG, ...args], { cwd: this.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  }

  /** The commit a ref names (`git rev-parse --verify`), or null when there is no such ref. */
  revParse(ref: string): string | null {
    try {
      return this.git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
    } catch {
      return null;
    }
  }

  /** A file's content at a ref. */
  show(ref: string, file: string): string {
    return this.git("show", `${ref}:${file}`);
  }

  /** The branches the agent made (`tandem/agent-…`). */
  agentBranches(): string[] {
    return this.git("branch", "--list", "--format=%(refname:short)", "tandem/agent-*")
      .split("\n")
      .filter(Boolean);
  }

  /** The branch checked out now. */
  currentBranch(): string {
    return this.git("rev-parse", "--abbrev-ref", "HEAD");
  }
}

/**
 * Makes a fresh copy of the demo repository (the shop library: `priceOf` declared in src/price.ts and used
 * in src/cart.ts only; one commit on `main`) under the allowed root. The working tree is clean, as applying
 * a patch requires.
 */
export function createShopRepo(prefix = "shop"): GitRepo {
  const repo = new GitRepo(uniqueName(prefix));
  if (!ensureDemoRepository(reposRoot(), repo.name)) throw new Error(`could not create the repository ${repo.dir}`);
  return repo;
}

/** Makes a folder with a file in it under the allowed root that is not a git repository; returns its name. */
export function createPlainFolder(prefix = "plain"): string {
  const name = uniqueName(prefix);
  writeFiles(path.join(reposRoot(), name), { "notes.txt": "Not a repository.\n" });
  return name;
}
