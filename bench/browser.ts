import { existsSync } from "node:fs";
import { type Browser, type Page, chromium } from "@playwright/test";
import type { BoardData } from "./board-data";
import { type Summary, summarize } from "./stats";

export const VIEWPORT = { width: 1440, height: 900 };

/** Chromium from CHROMIUM_PATH, else Debian's package, else Playwright's own download. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));
}

/** Starts headless Chromium the way the end-to-end tests do. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // The bench closes the browser in its own clean-up; Playwright's handler would exit before it ran.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// Runs before the page's own scripts: notes when the board sets data-ready (its first effect after
// hydration), in the page's clock, which starts at navigation start.
const READY_PROBE = `
  window.__boardReadyAt = undefined;
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="board"][data-ready="true"]')) {
      window.__boardReadyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
`;

/**
 * Keyboard drags of the top card of one column into the next (Space, ArrowRight, Space). Each move's
 * round trip is its server action fetch in Resource Timing (request start → last byte read), with the
 * answer's decoded size: the protocol neither reports the end of nor keeps a streamed action answer.
 */
async function dragMoves(page: Page, fromStageId: string, toStageId: string, count: number): Promise<{ times: number[]; kb: number[] }> {
  const times: number[] = [];
  const kb: number[] = [];
  const column = (id: string) => page.locator(`[data-testid="board-column"][data-stage-id="${id}"]`);
  for (let i = 0; i < count; i++) {
    const card = column(fromStageId).locator('[data-testid="item-card"]').first();
    const id = await card.getAttribute("data-item-id");
    await card.focus();
    // Each key waits for the board to follow: a key sent before the drag is live is dropped.
    await page.keyboard.press("Space");
    await page.locator(`[data-item-id="${id}"][aria-pressed="true"]`).waitFor({ timeout: 10_000 });
    await page.keyboard.press("ArrowRight");
    await column(toStageId).locator(`[data-item-id="${id}"]`).waitFor({ timeout: 10_000 });
    const seen = await page.evaluate(() => performance.getEntriesByType("resource").length);
    await page.keyboard.press("Space");
    const entry = await page.waitForFunction(
      (after) => {
        const entries = performance.getEntriesByType("resource").slice(after) as PerformanceResourceTiming[];
        const e = entries.find((r) => r.initiatorType === "fetch" && r.name === location.href && r.responseEnd > 0);
        return e ? { ms: e.responseEnd - e.startTime, bytes: e.decodedBodySize, status: e.responseStatus } : null;
      },
      seen,
      { timeout: 30_000 },
    );
    const { ms, bytes, status } = (await entry.jsonValue()) as { ms: number; bytes: number; status: number };
    if (status && status !== 200) throw new Error(`A board move answered ${status}.`);
    times.push(ms);
    kb.push(bytes / 1024);
  }
  if (!page.url().includes("/workflows/")) throw new Error(`The drags left the board for ${page.url()}.`);
  return { times, kb };
}

type Load = { ttfb: number; document: number; interactive: number; cards: number; documentKB: number };

async function loadBoard(page: Page, url: string): Promise<Load> {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as { __boardReadyAt?: number }).__boardReadyAt !== undefined, null, { timeout: 60_000, polling: 50 });
  // The virtualized columns measure themselves after hydration: count once the count holds still.
  let cards = -1;
  for (let same = 0, i = 0; same < 3 && i < 50; i++) {
    await page.waitForTimeout(100);
    const n = await page.locator('[data-testid="item-card"]').count();
    same = n === cards ? same + 1 : 0;
    cards = n;
  }
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      ttfb: nav.responseStart - nav.requestStart,
      document: nav.responseEnd - nav.requestStart,
      interactive: (window as unknown as { __boardReadyAt: number }).__boardReadyAt,
      documentKB: nav.decodedBodySize / 1024,
    };
  });
  return { ...timing, cards };
}

export type BrowserFigures = {
  ttfb: Summary;
  document: Summary;
  interactive: Summary;
  cards: Summary;
  coldInteractive: number;
  documentKB: number;
  loads: number;
  /** Board moves by keyboard drag: the move action's fetch, request start → answer read. */
  drag: Summary;
  dragKB: number;
};

/**
 * Signs in through the login page, then loads the board `loads` times after one cold load (empty
 * cache), reading Navigation Timing for the server's part and the board's data-ready mark for the
 * client's, and counting the cards mounted in the DOM; then moves cards by keyboard drag.
 */
export async function measureBrowser(browser: Browser, baseUrl: string, data: BoardData, { loads = 5, drags = 10 } = {}): Promise<BrowserFigures> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(data.user.email);
    await page.getByLabel("Password", { exact: true }).fill(data.user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((u) => u.pathname !== "/login", { timeout: 30_000 });
    await page.addInitScript(READY_PROBE);
    const url = `/workflows/${data.workflowId}`;
    const cold = await loadBoard(page, url);
    const runs: Load[] = [];
    for (let i = 0; i < loads; i++) runs.push(await loadBoard(page, url));
    // Review → QA: columns the REST moves leave alone.
    const drag = await dragMoves(page, data.stageIds[4]!, data.stageIds[5]!, drags);
    return {
      ttfb: summarize(runs.map((r) => r.ttfb)),
      document: summarize(runs.map((r) => r.document)),
      interactive: summarize(runs.map((r) => r.interactive)),
      cards: summarize(runs.map((r) => r.cards)),
      coldInteractive: cold.interactive,
      documentKB: runs[0]!.documentKB,
      loads: runs.length,
      drag: summarize(drag.times),
      dragKB: summarize(drag.kb).p50,
    };
  } finally {
    await context.close();
  }
}
