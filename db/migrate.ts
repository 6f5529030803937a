import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { type Db, rowsOf } from "./client";

// The app, the scripts and the tests all run from the project root.
const migrationsFolder = path.join(process.cwd(), "drizzle");

type Journal = { entries: { idx: number; tag: string; when: number }[] };

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    readonly cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${(cause as Error)?.message ?? cause}. The database was left as it was.`);
  }
}

/**
 * Applies pending drizzle-kit migrations in one transaction, in the same bookkeeping table as
 * drizzle's own migrator, but naming the migration that failed (drizzle's error does not).
 */
export async function migrate(db: Db, folder = migrationsFolder): Promise<string[]> {
  const files = readMigrationFiles({ migrationsFolder: folder });
  const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as Journal;
  await db.execute(sql`create schema if not exists drizzle`);
  await db.execute(
    sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
  );
  let current = "";
  let applied: string[] = [];
  try {
    await db.transaction(async (tx) => {
      // Several instances may start at once on one PostgreSQL: only one migrates, the others then see it done.
      await tx.execute(sql`select pg_advisory_xact_lock(7291001)`);
      const last = rowsOf<{ created_at: string }>(
        await tx.execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`),
      );
      const lastAt = last[0] ? Number(last[0].created_at) : -1;
      const pending = files
        .map((m, i) => ({ ...m, tag: journal.entries[i]?.tag ?? `#${i}` }))
        .filter((m) => m.folderMillis > lastAt);
      for (const m of pending) {
        current = m.tag;
        for (const stmt of m.sql) if (stmt.trim()) await tx.execute(sql.raw(stmt));
        await tx.execute(
          sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.folderMillis})`,
        );
      }
      applied = pending.map((m) => m.tag);
    });
  } catch (err) {
    if (!current) throw err;
    throw new MigrationError(current, (err as { cause?: unknown }).cause ?? err);
  }
  return applied;
}

async function main() {
  const { openFromEnv } = await import("./client");
  const database = await openFromEnv();
  try {
    const applied = await migrate(database.db);
    console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
  } finally {
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
