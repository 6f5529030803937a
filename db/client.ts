import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { dataDir, lockDataDir } from "./data-dir";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One type for both drivers (and for transactions), so query code never knows which it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Runs `fn` in a transaction: `db`'s own when it is one already, else a new one (never a savepoint). */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const open: boolean = db instanceof PgTransaction;
  return open ? fn(db) : db.transaction(fn);
}
export type Driver = "pglite" | "postgres";

/** Rows of a raw `db.execute` result: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Subscribes to a NOTIFY channel; resolves to the function that unsubscribes. */
export type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

/** What the job queue connects with: the same PGlite instance (one process), or its own pool on the same server. */
export type QueueConnection = { kind: "pglite"; client: PGlite } | { kind: "postgres"; url: string };

export type Database = { db: Db; driver: Driver; listen: Listen; queue: QueueConnection; close: () => Promise<void> };

/**
 * The postgres.js client with server-side prepared statements for every query drizzle sends, in
 * transactions and savepoints too. drizzle-orm 0.45 asks for unprepared statements (drizzle-orm#6096),
 * and postgres.js then describes each statement with parameters before running it: two round trips
 * per query. Prepared, a statement is described once per connection, then runs in one. postgres.js
 * retires connections after 30 to 60 minutes, which bounds each connection's statement cache.
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], options?: object) => target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (inner: postgres.Sql) => unknown;
          return (value as (...a: unknown[]) => unknown).apply(target, [...args, (inner: postgres.Sql) => fn(preparing(inner))]);
        };
      }
      return value;
    },
  });
}

/** Connects to PostgreSQL at `url`, failing fast with a message that names the host when it cannot. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  let where: string;
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}${u.pathname}`; // never the user or password
  } catch {
    // The raw string may hold a password: describe it, do not echo it.
    throw new Error("DATABASE_URL is not a valid URL. Expected postgres://user:password@host:5432/database.");
  }
  const client = preparing(postgres(url, { max: opts.max ?? 10, onnotice: () => {}, connect_timeout: 10 }));
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new Error(
      `Cannot reach PostgreSQL at ${where} (${(err as Error).message}). ` +
        "Check that the server is running, that the host, port, database name, user and password in DATABASE_URL are right, " +
        "or unset DATABASE_URL to use the embedded database.",
    );
  }
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  const listen: Listen = async (channel, onPayload) => {
    const sub = await client.listen(channel, onPayload);
    return () => sub.unlisten();
  };
  return { db, driver: "postgres", listen, queue: { kind: "postgres", url }, close: () => client.end({ timeout: 5 }) };
}

/** Opens PGlite in `dir` (or in memory when `dir` is undefined). */
export async function openPglite(dir?: string): Promise<Database> {
  const release = dir ? lockDataDir(path.dirname(dir)) : () => {};
  let client: PGlite;
  try {
    client = dir ? await PGlite.create(dir) : await PGlite.create();
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    queue: { kind: "pglite", client },
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Opens the database the environment names: `DATABASE_URL`, else PGlite in the data folder. */
export function openFromEnv(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite(path.join(dataDir(), "pgdata"));
}

const globalKey = Symbol.for("tandem.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> };

/**
 * The process-wide connection. Kept on globalThis so dev-mode module reloads reuse it
 * (a second PGlite on the same folder would corrupt it). It is a handle, not state.
 */
export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    g[globalKey] = openFromEnv();
    g[globalKey].catch(() => {
      delete g[globalKey];
    });
  }
  return g[globalKey];
}

/** The process-wide Drizzle instance. */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
