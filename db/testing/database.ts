import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import postgres from "postgres";
import { type Database, type Db, type Driver, openPglite, openPostgres } from "../client";
import { migrate } from "../migrate";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server to create databases on. */
export const drivers: Driver[] = ["pglite", ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : [])];

/** A fresh, migrated, empty database on `driver`; `close` drops it. */
export async function createTestDatabase(driver: Driver, opts: { migrate?: boolean } = {}): Promise<Database> {
  let database: Database;
  let drop = async () => {};
  if (driver === "pglite") {
    database = await openPglite();
  } else {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `tandem_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    database = await openPostgres(url.toString(), { max: 5 });
    drop = async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  if (opts.migrate !== false) await migrate(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/**
 * Declares a suite once per driver, each on its own fresh database. Titles end in `[driver]`, which
 * is how the test script counts DB tests per driver.
 */
export function describeDb(name: string, body: (db: () => Db, driver: Driver) => void) {
  for (const driver of drivers) {
    describe(`${name} [${driver}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(driver);
      });
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error("test database not ready");
        return database.db;
      }, driver);
    });
  }
}
