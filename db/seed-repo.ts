import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
// Relative, not `@/`: Playwright's fixtures import this file too.
import { log } from "../lib/log";

/**
 * The demo repository the seeded agent-assist stages point at (`tandem-demo` under the default allowed
 * root, `<data dir>/repos`), so the embedded default shows the agent planning on real code and applying a
 * patch on a branch. A small shop library with tests; committed once on `main`.
 */

export const DEMO_REPO = "tandem-demo";

const FILES: Record<string, string> = {
  "README.md": "# Shop\n\nPrices, carts and discounts for the demo storefront.\n\n```sh\nnpm test\n```\n",
  "package.json": `${JSON.stringify({ name: "shop", private: true, type: "module", scripts: { test: "node --test" } }, null, 2)}\n`,
  "src/price.ts": [
    "/** A price in cents, shown in euros. */",
    "export function priceOf(cents: number): string {",
    "  return `€${(cents / 100).toFixed(2)}`;",
    "}",
    "",
  ].join("\n"),
  "src/cart.ts": [
    'import { priceOf } from "./price";',
    "",
    "export type Line = { sku: string; cents: number; quantity: number };",
    "",
    "/** The cart's total in cents. */",
    "export function totalCents(lines: Line[]): number {",
    "  return lines.reduce((sum, l) => sum + l.cents * l.quantity, 0);",
    "}",
    "",
    "/** The cart's total as shown at checkout. */",
    "export function totalLabel(lines: Line[]): string {",
    "  return priceOf(totalCents(lines));",
    "}",
    "",
  ].join("\n"),
  "src/discount.ts": [
    'import type { Line } from "./cart";',
    "",
    "/** A percentage off every line; no rounding rule yet (see the open ticket). */",
    "export function applyDiscount(lines: Line[], percent: number): Line[] {",
    "  return lines.map((l) => ({ ...l, cents: l.cents * (1 - percent / 100) }));",
    "}",
    "",
  ].join("\n"),
  "test/cart.test.ts": [
    'import assert from "node:assert/strict";',
    'import { test } from "node:test";',
    'import { totalCents, totalLabel } from "../src/cart";',
    "",
    'test("totals a cart", () => {',
    '  const lines = [{ sku: "tea", cents: 450, quantity: 2 }];',
    "  assert.equal(totalCents(lines), 900);",
    '  assert.equal(totalLabel(lines), "€9.00");',
    "});",
    "",
  ].join("\n"),
};

/** Creates the demo repository (as `name`) under `root` unless something is already there; returns its path. */
export function ensureDemoRepository(root: string, name = DEMO_REPO): string | null {
  // A folder chosen at run time (the data folder): the build has nothing to trace here.
  const dir = path.join(/*turbopackIgnore: true*/ root, name);
  if (existsSync(/*turbopackIgnore: true*/ dir)) return dir;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Tandem Demo", "-c", "user.email=demo@tandem.local", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], {
      cwd: dir,
      stdio: "ignore",
    });
  try {
    mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
    for (const [file, content] of Object.entries(FILES)) {
      const target = path.join(/*turbopackIgnore: true*/ dir, file);
      mkdirSync(/*turbopackIgnore: true*/ path.dirname(target), { recursive: true });
      writeFileSync(/*turbopackIgnore: true*/ target, content);
    }
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "Shop: prices, carts and discounts");
    return dir;
  } catch (err) {
    // No git on this machine: the demo works without it, agent stages then say what is missing.
    log.warn({ err, dir }, "could not create the demo repository");
    return null;
  }
}
