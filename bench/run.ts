// `npm run bench`: the board at 5,000 items over 8 stages, on PostgreSQL and on PGlite, the designer
// with a 500-task / 600-edge graph, the engine (1,000 runs of 5 tasks against a raw queue loop) and the
// analytics dashboard (100,000 items, 1,000,000 transitions on PostgreSQL; a tenth on PGlite).
// BENCH_ONLY=engine runs the engine part alone (no build, no browser); BENCH_ONLY=agent the agent
// context builder alone (a 10,000-file repository in a temporary folder); BENCH_ONLY=analytics the
// analytics dashboard alone. Builds the app
// once in a temporary copy of the tree, then per driver: loads the data, times getBoard in process,
// serves the build, loads the board in Chromium (and drags cards), and times moves over the REST API.
// Prints the figures. BENCH_DATABASE_URL: PostgreSQL admin connection (default postgres@127.0.0.1);
// BENCH_DRIVERS=postgres|pglite: one driver only; BENCH_ITEMS: board size (default 5000).
// Run through `node --import tsx`, not the tsx CLI: the CLI kills a busy child 30 ms after Ctrl-C,
// before the clean-up below could drop the database and remove the temporary folder.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser } from "@playwright/test";
import { migrate } from "@/db/migrate";
import { loadActor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/tokens";
import { type BoardData, STAGE_NAMES, loadBoardData } from "./board-data";
import { measureMoves, measureServer } from "./board";
import { VIEWPORT, launchBrowser, measureBrowser } from "./browser";
import { type DesignerData, loadDesignerData, measureDesigner } from "./designer";
import { type EngineFigures, measureEngine } from "./engine";
import { analyticsSummary, analyticsTable, measureAnalytics } from "./analytics";
import { agentContextSummary, agentContextTable, measureAgentContext } from "./agent-context";
import { engineSummary, engineTable } from "./engine-report";
import { type BenchDatabase, DEFAULT_ADMIN_URL, createPgliteDatabase, createPostgresDatabase, openEngineDatabase } from "./drivers";
import { type DriverResult, driverTable, machineLine, summaryLine } from "./report";
import { buildApp, copyTree, startApp } from "./server";
import { ms } from "./stats";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 5000);
/** BENCH_DRIVERS=postgres (or pglite) runs one driver only. */
const DRIVERS = (process.env.BENCH_DRIVERS ?? "postgres,pglite").split(",").map((d) => d.trim());
const root = path.resolve(import.meta.dirname, "..");

// Everything started is undone in reverse order, on success, on failure and on Ctrl-C.
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const undo of cleanups.reverse()) {
      try {
        await undo();
      } catch (err) {
        console.error(`cleanup: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (cleaning) process.exit(130); // a second Ctrl-C: stop waiting
    console.error(`\n${signal}: cleaning up…`);
    void cleanup().then(() => process.exit(130));
  });
}

const log = (msg: string) => console.log(`· ${msg}`);

type Prepared = { database: BenchDatabase; data: BoardData; designer: DesignerData; token: string; loadMs: number };

/** Migrates, loads the board and makes an API token for its user. */
async function prepare(database: BenchDatabase): Promise<Prepared> {
  const start = performance.now();
  await migrate(database.db);
  const data = await loadBoardData(database.db, ITEMS);
  const designer = await loadDesignerData(database.db, data);
  // Fresh statistics, as autovacuum would soon give a real database after such a load.
  await database.db.execute(sql`analyze`);
  const loadMs = performance.now() - start;
  const actor = await loadActor(database.db, data.user.id);
  const { token } = await createApiToken(database.db, actor!, { name: "bench", expiresInDays: 7 });
  log(`${database.driver}: migrated and loaded ${data.counts.items} items, ${data.counts.transitions} transitions, ${data.counts.events} events in ${ms(loadMs)}`);
  return { database, data, designer, token, loadMs };
}

async function runDriver(p: Prepared, appDir: string, baseEnv: NodeJS.ProcessEnv, browser: Browser): Promise<DriverResult> {
  const { database, data } = p;
  log(`${database.driver}: timing getBoard in process`);
  const server = await measureServer(database.db, data);
  await database.release();
  log(`${database.driver}: starting the app server`);
  const app = await startApp(appDir, { ...baseEnv, ...database.serverEnv });
  cleanups.push(app.stop);
  const withServer = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    log(`${database.driver}: ${what}`);
    try {
      return await fn();
    } catch (err) {
      throw new Error(`${(err as Error).message}\nThe app server (${app.tail()}`, { cause: err });
    }
  };
  const page = await withServer("loading the board in Chromium, then dragging cards", () => measureBrowser(browser, app.baseUrl, data));
  const moves = await withServer("moving items over the REST API", () => measureMoves(app.baseUrl, p.token, data));
  const designer = await withServer(`opening a ${p.designer.tasks}-task graph in the designer, panning and dragging`, () =>
    measureDesigner(browser, app.baseUrl, data, p.designer),
  );
  await app.stop();
  await database.dispose();
  return { driver: database.driver, items: data.counts.items, stages: STAGE_NAMES.length, loadMs: p.loadMs, server, browser: page, moves, designer };
}

/** The engine's figures per driver, each on a fresh database of its own. */
async function runEngine(adminUrl: string): Promise<EngineFigures[]> {
  const out: EngineFigures[] = [];
  for (const driver of DRIVERS) {
    const opened = await openEngineDatabase(driver as "postgres" | "pglite", adminUrl);
    if ("skipped" in opened) {
      console.log(`NOTE: engine on ${driver} skipped: ${opened.skipped}`);
      continue;
    }
    cleanups.push(opened.dispose);
    log(`${driver}: engine: a raw queue loop, then the engine, each doing chains of 5 jobs`);
    out.push(await measureEngine(opened.database));
    await opened.dispose();
  }
  return out;
}

async function main() {
  const started = performance.now();
  process.chdir(root); // migrations are read from ./drizzle
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  if (process.env.BENCH_ONLY === "engine") {
    console.log(`Tandem engine benchmark · ${machineLine()}`);
    const engine = await runEngine(adminUrl);
    console.log("");
    for (const e of engine) console.log(`${engineTable(e)}\n`);
    for (const e of engine) console.log(`  ${engineSummary(e)}`);
    console.log(`bench took ${ms(performance.now() - started)}`);
    return;
  }
  if (process.env.BENCH_ONLY === "analytics") {
    console.log(`Tandem analytics benchmark · ${machineLine()}`);
    const analytics = await measureAnalytics(adminUrl, DRIVERS, log);
    console.log(`\n${analyticsTable(analytics)}\n`);
    for (const a of analytics) console.log(`  ${analyticsSummary(a)}`);
    console.log(`bench took ${ms(performance.now() - started)}`);
    return;
  }
  if (process.env.BENCH_ONLY === "agent") {
    console.log(`Tandem agent context benchmark · ${machineLine()}`);
    log("agent: building a 10,000-file repository with a 2,000-line diff, then timing buildContext");
    const agent = await measureAgentContext({ onCleanup: (undo) => cleanups.push(undo) });
    console.log(`\n${agentContextTable(agent)}\n\n  ${agentContextSummary(agent)}`);
    console.log(`bench took ${ms(performance.now() - started)}`);
    return;
  }
  console.log(`Tandem board benchmark · ${machineLine()}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "tandem-bench-"));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    TANDEM_SEED: "off",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  delete baseEnv.DATABASE_URL;

  // The build takes the longest: it runs while the databases are loaded.
  const appDir = path.join(tmp, "app");
  log(`copying the tree to ${appDir} and building it (next build)`);
  copyTree(root, appDir);
  const build = buildApp(appDir, { ...baseEnv, TANDEM_DATA_DIR: path.join(tmp, "build-data") });
  cleanups.push(build.stop);

  const prepared: Prepared[] = [];
  if (DRIVERS.includes("postgres")) {
    const pg = await createPostgresDatabase(adminUrl, path.join(tmp, "pg-data"));
    if ("skipped" in pg) console.log(`NOTE: skipping PostgreSQL: ${pg.skipped}. Set BENCH_DATABASE_URL to an admin connection.`);
    else {
      cleanups.push(pg.dispose);
      prepared.push(await prepare(pg));
    }
  }
  if (DRIVERS.includes("pglite")) {
    const lite = await createPgliteDatabase(path.join(tmp, "pglite-data"));
    cleanups.push(lite.dispose);
    prepared.push(await prepare(lite));
  }

  log(`build finished in ${ms(await build.done)}`);
  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  const results: DriverResult[] = [];
  for (const p of prepared) results.push(await runDriver(p, appDir, baseEnv, browser));

  const engine = await runEngine(adminUrl);
  const analytics = await measureAnalytics(adminUrl, DRIVERS, log);
  log("agent: timing buildContext on a 10,000-file repository");
  const agent = await measureAgentContext({ onCleanup: (undo) => cleanups.push(undo) });

  console.log(`\nviewport ${VIEWPORT.width}×${VIEWPORT.height}; times in ms; p50/p95 over the runs shown as n\n`);
  for (const r of results) console.log(`${driverTable(r)}\n`);
  for (const e of engine) console.log(`${engineTable(e)}\n`);
  console.log(`${analyticsTable(analytics)}\n`);
  console.log(`${agentContextTable(agent)}\n`);
  console.log("Summary");
  for (const r of results) console.log(`  ${summaryLine(r)}`);
  for (const e of engine) console.log(`  ${engineSummary(e)}`);
  for (const a of analytics) console.log(`  ${analyticsSummary(a)}`);
  console.log(`  ${agentContextSummary(agent)}`);
  console.log(`\nbench took ${ms(performance.now() - started)} · ${machineLine()}`);
}

main()
  .catch((err) => {
    if (cleaning) return; // interrupted: the failure is the signal's doing
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    process.exit(); // with process.exitCode; nothing left running should hold the bench open
  });
