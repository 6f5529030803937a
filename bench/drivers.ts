import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Database, type Db, type Driver, openPglite, openPostgres } from "@/db/client";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh database for one driver: a handle for loading and in-process timing, and the server's environment. */
export type BenchDatabase = {
  driver: Driver;
  db: Db;
  /** Where the app server finds this database. */
  serverEnv: Record<string, string>;
  /** Closes the bench's own handle (PGlite allows one process per folder: call before the server starts). */
  release: () => Promise<void>;
  /** Releases, then deletes the database. Safe to call twice. */
  dispose: () => Promise<void>;
};

/** Where a postgres URL points, without user or password. */
function describe(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}`;
}

/**
 * Creates `tandem_bench_<random>` through the admin connection and opens it. `{ skipped }` with the reason
 * when PostgreSQL is not reachable, so the bench can go on with PGlite alone.
 */
export async function createPostgresDatabase(adminUrl: string, dataDir: string): Promise<BenchDatabase | { skipped: string }> {
  let admin: Database;
  try {
    admin = await openPostgres(adminUrl, { max: 1 });
  } catch (err) {
    const cause = /\(([^)]*)\)/.exec((err as Error).message)?.[1] ?? (err as Error).message;
    return { skipped: `PostgreSQL at ${describe(adminUrl)} is not reachable (${cause})` };
  }
  const name = `tandem_bench_${randomBytes(4).toString("hex")}`;
  await admin.db.execute(sql.raw(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let bench: Database | null = null;
  const release = async () => {
    await bench?.close();
    bench = null;
  };
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await release();
    // WITH (FORCE) ends connections a killed server may have left behind (PostgreSQL 13+).
    await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`)).catch((err) => {
      console.error(`could not drop ${name}: ${(err as Error).message}`);
    });
    await admin.close();
  };
  try {
    bench = await openPostgres(url.toString(), { max: 10 });
  } catch (err) {
    await dispose();
    throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  return {
    driver: "postgres",
    db: bench.db,
    serverEnv: { DATABASE_URL: url.toString(), TANDEM_DATA_DIR: dataDir },
    release,
    dispose,
  };
}

/** A PGlite database in `<dataDir>/pgdata`, the layout the app's TANDEM_DATA_DIR expects. */
export async function createPgliteDatabase(dataDir: string): Promise<BenchDatabase> {
  mkdirSync(dataDir, { recursive: true });
  let handle: Database | null = await openPglite(path.join(dataDir, "pgdata"));
  const release = async () => {
    await handle?.close();
    handle = null;
  };
  let disposed = false;
  return {
    driver: "pglite",
    db: handle.db,
    serverEnv: { TANDEM_DATA_DIR: dataDir },
    release,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await release();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database for the engine benchmark, with the full handle the engine needs: a PostgreSQL database
 * created through the admin connection, or an in-memory PGlite. `dispose` drops or closes it.
 */
export async function openEngineDatabase(
  driver: Driver,
  adminUrl: string,
): Promise<{ database: Database; dispose: () => Promise<void> } | { skipped: string }> {
  if (driver === "pglite") {
    const database = await openPglite();
    let closed = false;
    return { database, dispose: async () => (closed ? undefined : ((closed = true), database.close())) };
  }
  let admin: Database;
  try {
    admin = await openPostgres(adminUrl, { max: 1 });
  } catch (err) {
    return { skipped: `PostgreSQL at ${describe(adminUrl)} is not reachable (${(err as Error).message})` };
  }
  const name = `tandem_bench_engine_${randomBytes(4).toString("hex")}`;
  await admin.db.execute(sql.raw(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 10 });
  let disposed = false;
  return {
    database,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await database.close();
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`)).catch(() => {});
      await admin.close();
    },
  };
}
