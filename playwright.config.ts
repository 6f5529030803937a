import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// This file is evaluated by the runner and again by each worker; workers inherit the runner's
// environment, so the port and the data folder are chosen once and handed down through it.
if (!process.env.E2E_PORT) {
  const listenOnce = "const s=require('net').createServer();s.listen(0,()=>{process.stdout.write(String(s.address().port));s.close()})";
  process.env.E2E_PORT = execFileSync(process.execPath, ["-e", listenOnce], { encoding: "utf8" }).trim();
}
if (!process.env.E2E_DATA_DIR) {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-e2e-"));
  process.env.E2E_DATA_DIR = dir;
  // Not a globalTeardown: that runs before the web server is stopped, and the server holds the folder.
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}

const port = process.env.E2E_PORT;
const dataDir = process.env.E2E_DATA_DIR;
const baseURL = `http://127.0.0.1:${port}`;
const start = `npx next start -p ${port}`;

/** Chromium from CHROMIUM_PATH, else Debian's package, else Playwright's own download. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Journeys run two at a time beside a production server on a 2-core CI machine: 30 s per journey and 5 s
  // per expectation left no headroom once the suite grew (templates ran 27 s alone). No retries: a slow
  // machine gets time, a flaky test still fails.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  // A test wrapper script counts results from this JSON file: keep the path.
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    browserName: "chromium",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // The production build; E2E_SKIP_BUILD=1 when the caller has just built.
    command: process.env.E2E_SKIP_BUILD === "1" ? start : `npx next build && ${start}`,
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // The server logs JSON lines to stdout: shown from warnings up, so a server error appears beside the failing test.
    stdout: "pipe",
    stderr: "pipe",
    env: { TANDEM_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
  },
});
