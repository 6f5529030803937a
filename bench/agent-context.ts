import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildContext } from "@/lib/agents/context";
import { numstat } from "@/lib/agents/git";
import { type Summary, ms, summarize } from "./stats";

/**
 * The agent's context builder on a big repository: 10,000 files in nested folders with a ~2,000-line
 * uncommitted diff, timed at two budgets. Git runs in child processes, so heap and RSS figures are
 * this process's share only (parsing, reading files, the bundle itself).
 */

const FILES = Number(process.env.BENCH_AGENT_FILES ?? 10_000);
const CHANGED_FILES = 100;
const CHANGED_LINES_PER_FILE = 10; // each a deletion and an addition: 2,000 diff lines in all
const RUNS = 5;
const BUDGETS = [8_000, 32_000];
/** Aim: a bundle in well under a second, even on a repository this size. */
export const AGENT_CONTEXT_AIM_MS = 1000;

export type AgentContextFigures = {
  files: number;
  diffLines: number;
  setupMs: number;
  runs: { budget: number; wall: Summary; usedTokens: number; treeEntries: number; bundleFiles: number }[];
  peakHeapMb: number;
  peakRssMb: number;
};

const source = (i: number) =>
  Array.from({ length: 24 }, (_, l) => (l === 0 ? `// module ${i}` : `export const value${l} = ${i} * ${l}; // line ${l}`)).join("\n") + "\n";

const folderOf = (i: number) => path.join(`pkg${Math.floor(i / 1000)}`, `area${Math.floor(i / 100) % 10}`);

/**
 * Writes the files with fs, then one `git add -A` and one commit; then edits some for the diff. No
 * automatic gc: 10,000 loose objects would start one in the background, in the middle of the timings.
 */
function buildRepository(dir: string): void {
  const run = (...args: string[]) => execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@tandem.local", "-c", "gc.auto=0", ...args], { cwd: dir, stdio: "pipe" });
  run("init", "-q", "-b", "main");
  for (let i = 0; i < FILES; i++) {
    // 10 top folders × 10 sub-folders × 100 files; every fifth file is the test of the one before it.
    const folder = path.join(dir, folderOf(i));
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const isTest = i % 5 === 4;
    writeFileSync(path.join(folder, isTest ? `mod${i - 1}.test.ts` : `mod${i}.ts`), source(i));
  }
  run("add", "-A");
  run("commit", "-q", "-m", "bench");
  for (let k = 0; k < CHANGED_FILES; k++) {
    const i = k * 97 - ((k * 97) % 5) + 3; // spread over the folders, always a module with a test
    const file = path.join(dir, folderOf(i), `mod${i}.ts`);
    const lines = source(i).split("\n");
    for (let l = 1; l <= CHANGED_LINES_PER_FILE; l++) lines[l * 2] = `export const value${l * 2} = ${i} + ${l}; // changed`;
    writeFileSync(file, lines.join("\n"));
  }
}

/** Builds the repository once, then times buildContext at each budget (after one warm-up call). */
export async function measureAgentContext(opts: { onCleanup?: (undo: () => void) => void } = {}): Promise<AgentContextFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tandem-bench-agent-"));
  const undo = () => rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  opts.onCleanup?.(undo);
  try {
    const setupStart = performance.now();
    buildRepository(dir);
    // A real repository is not 10 MB of dirty pages a second old: flush them so the timings measure git
    // and buildContext, not the disk catching up.
    spawnSync("sync");
    const setupMs = performance.now() - setupStart;
    const stats = await numstat(dir, "HEAD");
    const diffLines = stats.reduce((s, e) => s + e.additions + e.deletions, 0);

    global.gc?.();
    const base = process.memoryUsage();
    let peak = { heap: base.heapUsed, rss: base.rss };
    const sample = () => {
      const m = process.memoryUsage();
      peak = { heap: Math.max(peak.heap, m.heapUsed), rss: Math.max(peak.rss, m.rss) };
    };
    const timer = setInterval(sample, 2);
    const walls = new Map<number, number[]>(BUDGETS.map((b) => [b, []]));
    const last = new Map<number, Awaited<ReturnType<typeof buildContext>>>();
    try {
      for (const budget of BUDGETS) await buildContext(dir, { budgetTokens: budget }); // warm-up
      // Interleaved, so background noise (the kernel writing the new files back, say) hits both alike.
      for (let r = 0; r < RUNS; r++) {
        for (const budget of BUDGETS) {
          const start = performance.now();
          last.set(budget, await buildContext(dir, { budgetTokens: budget }));
          walls.get(budget)!.push(performance.now() - start);
          sample();
        }
      }
    } finally {
      clearInterval(timer);
    }
    const runs = BUDGETS.map((budget) => {
      const b = last.get(budget)!;
      return { budget, wall: summarize(walls.get(budget)!), usedTokens: b.budget.used, treeEntries: b.tree.length, bundleFiles: b.files.length };
    });
    const mb = (bytes: number) => bytes / 2 ** 20;
    return { files: FILES, diffLines, setupMs, runs, peakHeapMb: mb(peak.heap - base.heapUsed), peakRssMb: mb(peak.rss - base.rss) };
  } finally {
    undo();
  }
}

/** One line, e.g. "agent context: 10,000 files, 2,000-line diff: budget 8,000 p50 180 ms, max 240 ms · … (aim < 1 s)". */
export function agentContextSummary(f: AgentContextFigures): string {
  const perBudget = f.runs.map((r) => `budget ${r.budget.toLocaleString("en")} p50 ${ms(r.wall.p50)}, max ${ms(r.wall.max)}`).join(" · ");
  const worst = Math.max(...f.runs.map((r) => r.wall.max));
  const verdict = worst < AGENT_CONTEXT_AIM_MS ? "aim < 1 s: met" : "aim < 1 s: MISSED";
  return (
    `agent context: ${f.files.toLocaleString("en")} files, ${f.diffLines.toLocaleString("en")}-line diff: ${perBudget}; ` +
    `peak heap +${f.peakHeapMb.toFixed(0)} MB, RSS +${f.peakRssMb.toFixed(0)} MB (${verdict})`
  );
}

/** The per-budget detail: what each bundle held, over RUNS timed calls. */
export function agentContextTable(f: AgentContextFigures): string {
  const rows = f.runs.map(
    (r) =>
      `  budget ${r.budget.toLocaleString("en").padEnd(7)} p50 ${ms(r.wall.p50).padEnd(7)} p95 ${ms(r.wall.p95).padEnd(7)} max ${ms(r.wall.max).padEnd(7)}` +
      ` used ${r.usedTokens.toLocaleString("en")} tokens, ${r.bundleFiles} files, ${r.treeEntries.toLocaleString("en")} tree entries  (n=${r.wall.n})`,
  );
  return [`agent context: buildContext on ${f.files.toLocaleString("en")} files, ${f.diffLines.toLocaleString("en")}-line diff (repository built in ${ms(f.setupMs)})`, ...rows].join("\n");
}
