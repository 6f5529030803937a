// `npm test`: every suite — Vitest (unit and DB, on PGlite and, with TEST_DATABASE_URL, PostgreSQL)
// and Playwright against the production build — then one summary with DB test counts per driver.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, "test-results");
mkdirSync(results, { recursive: true });
// Playwright empties test-results/ when it starts, so the Vitest report lives beside it.
const unitJson = path.join(root, "test-reports", "unit.json");
mkdirSync(path.dirname(unitJson), { recursive: true });
const e2eJson = path.join(results, "e2e.json");
rmSync(unitJson, { force: true });
rmSync(e2eJson, { force: true });

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env }).status ?? 1;

console.log(`\n== Vitest: unit and DB suites (drivers: pglite${process.env.TEST_DATABASE_URL ? ", postgres" : ""}) ==`);
const unitStatus = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitJson}`]);
console.log("\n== Playwright: end-to-end against the production build ==");
const e2eStatus = run(bin("playwright"), ["test"]);

const tally = { passed: 0, failed: 0, skipped: 0 };
const byDriver = {};
if (existsSync(unitJson)) {
  const report = JSON.parse(readFileSync(unitJson, "utf8"));
  for (const file of report.testResults) {
    for (const t of file.assertionResults) {
      const state = t.status === "passed" ? "passed" : t.status === "failed" ? "failed" : "skipped";
      tally[state]++;
      const driver = t.ancestorTitles.map((a) => /\[(pglite|postgres)\]$/.exec(a)?.[1]).find(Boolean);
      if (driver) (byDriver[driver] ??= { passed: 0, failed: 0, skipped: 0 })[state]++;
    }
  }
}
const e2e = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(e2eJson)) {
  const s = JSON.parse(readFileSync(e2eJson, "utf8")).stats;
  e2e.passed = s.expected;
  e2e.failed = s.unexpected + s.flaky;
  e2e.skipped = s.skipped;
}

console.log("\n== Summary ==");
for (const d of ["pglite", "postgres"]) {
  const c = byDriver[d];
  console.log(c ? `DB tests on ${d}: ${c.passed} passed, ${c.failed} failed` : `DB tests on ${d}: not run (set TEST_DATABASE_URL to run them)`);
}
console.log(`Vitest: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped${unitStatus ? ` (exit ${unitStatus})` : ""}`);
console.log(`Playwright: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped${e2eStatus ? ` (exit ${e2eStatus})` : ""}`);
const failed = tally.failed + e2e.failed + (unitStatus && !tally.failed ? 1 : 0) + (e2eStatus && !e2e.failed ? 1 : 0);
console.log(`${tally.passed + e2e.passed} passed, ${failed} failed`);
process.exit(unitStatus || e2eStatus ? 1 : 0);
