import path from "node:path";
import { authSecret } from "@/lib/auth/secret";
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
    if (applied.length) console.log(`[tandem] applied migrations: ${applied.join(", ")}`);
    if (process.env.TANDEM_SEED !== "off" && (await isEmpty(db))) {
      const { created } = await seed(db);
      if (!process.env.TANDEM_REPO_ROOTS?.trim()) ensureDemoRepository(path.join(dataDir(), "repos"));
      console.log(`[tandem] seeded demo data (${created} records); sign in as alice@tandem.local / tandem-demo`);
    }
    console.log(`[tandem] database ready (${driver === "pglite" ? "embedded PGlite" : "PostgreSQL"})`);
    const { ensureAppEngine } = await import("@/lib/automation/engine");
    const engine = await ensureAppEngine(await getDatabase());
    console.log(`[tandem] engine started (worker ${engine.workerId}${process.env.TANDEM_WORKER === "off" && driver === "postgres" ? ", send-only" : ""})`);
  } catch (err) {
    console.error(`[tandem] cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
}
