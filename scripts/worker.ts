// `npm run worker`: an extra engine worker on any machine that reaches the same PostgreSQL.
// The embedded database (PGlite) is one process only: there the web server runs the worker itself.
import { openPostgres } from "@/db/client";
import { migrate } from "@/db/migrate";
import { startAppEngine } from "@/lib/automation/engine";
import { log } from "@/lib/log";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    log.fatal(
      "npm run worker needs DATABASE_URL: the embedded database belongs to the web server, which already runs a worker. " +
        "Point DATABASE_URL at the PostgreSQL the web server uses.",
    );
    process.exit(1);
  }
  const database = await openPostgres(url);
  await migrate(database.db);
  const engine = await startAppEngine(database, { embedded: false, sendOnly: false });
  log.info({ workerId: engine.workerId }, "worker started");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ workerId: engine.workerId, signal }, "worker stopping: finishing tasks in hand");
    await engine.stop();
    await database.close();
    log.info({ workerId: engine.workerId }, "worker stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  log.fatal({ err }, "worker cannot start");
  process.exit(1);
});
