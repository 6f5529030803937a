import path from "node:path";
import { authSecret } from "@/lib/auth/secret";
import { log } from "@/lib/log";
import { getDatabase } from "./client";
import { dataDir } from "./data-dir";
import { migrate } from "./migrate";
import { isEmpty, seed } from "./seed";
import { ensureDemoRepository } from "./seed-repo";

/**
 * Start-up: connect (exit naming the host when PostgreSQL is unreachable), apply migrations (exit
 * naming the one that failed; it rolled back), seed demo data into an empty database (and the demo git
 * repository its agent stages read, under the default allowed root), start the engine
 * (workers in this process).
 */
export async function boot(): Promise<void> {
  try {
    authSecret();
    const { db, driver } = await getDatabase();
    const applied = await migrate(db);
    if (applied.length) log.info({ migrations: applied }, "applied migrations");
    if (process.env.TANDEM_SEED !== "off" && (await isEmpty(db))) {
      const { created } = await seed(db);
      if (!process.env.TANDEM_REPO_ROOTS?.trim()) ensureDemoRepository(path.join(dataDir(), "repos"));
      // The demo password is in the README; a log line carries no password, even a public one.
      log.info({ records: created }, "seeded demo data; sign in as alice@tandem.local (the demo password is in the README)");
    }
    log.info({ driver }, `database ready (${driver === "pglite" ? "embedded PGlite" : "PostgreSQL"})`);
    const { ensureAppEngine } = await import("@/lib/automation/engine");
    const engine = await ensureAppEngine(await getDatabase());
    log.info({ workerId: engine.workerId, sendOnly: engine.sendOnly }, engine.sendOnly ? "engine started, send-only (workers run elsewhere)" : "engine started");
  } catch (err) {
    log.fatal({ err }, "cannot start");
    process.exit(1);
  }
}
