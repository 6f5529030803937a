import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, rowsOf } from "./client";
import { migrate } from "./migrate";
import { createTestDatabase, drivers } from "./testing/database";

/** A copy of the real migrations plus one that creates a table and then fails. */
function foldersWithBrokenMigration(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-migrations-"));
  cpSync(path.join(process.cwd(), "drizzle"), dir, { recursive: true });
  const journalPath = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8"));
  const last = journal.entries.at(-1);
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: "9999_broken" });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(
    path.join(dir, "9999_broken.sql"),
    'CREATE TABLE "half_done" ("id" int);\n--> statement-breakpoint\nALTER TABLE "no_such_table" ADD COLUMN "x" int;',
  );
  return dir;
}

/** A copy of the migrations that stops after `tag`, to set up data the later ones must carry over. */
function foldersUpTo(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-migrations-"));
  cpSync(path.join(process.cwd(), "drizzle"), dir, { recursive: true });
  const journalPath = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8"));
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag === tag) + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const allTags = (JSON.parse(readFileSync(path.join(process.cwd(), "drizzle/meta/_journal.json"), "utf8")).entries as { tag: string }[]).map(
  (e) => e.tag,
);

const tables = async (database: Database) =>
  rowsOf<{ table_name: string }>(
    await database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`),
  ).map((r) => r.table_name);

for (const driver of drivers) {
  describe(`migrations [${driver}]`, () => {
    let database: Database | undefined;
    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it("applies every migration once, then nothing", async () => {
      database = await createTestDatabase(driver, { migrate: false });
      expect(allTags[0]).toBe("0000_init");
      expect(await migrate(database.db)).toEqual(allTags);
      expect(await migrate(database.db)).toEqual([]);
      expect(await tables(database)).toEqual(
        expect.arrayContaining(["users", "teams", "workflows", "stages", "work_items", "work_item_transitions", "audit_log"]),
      );
    });

    it("gives every existing workflow its stages as a first version", async () => {
      database = await createTestDatabase(driver, { migrate: false });
      await migrate(database.db, foldersUpTo("0002_boards"));
      await database.db.execute(sql`
        with u as (insert into users (email, name, password_hash) values ('old@x.test', 'Old', 'x') returning id),
        w as (insert into workflows (name, owner_user_id, version) select 'Old flow', id, 3 from u returning id)
        insert into stages (workflow_id, name, position, type, config)
        select id, 'Review', 1, 'AGENT_ASSIST'::stage_type, '{"wipLimit": 2, "agentPrompt": "Check it"}'::jsonb from w
        union all select id, 'Inbox', 0, 'HUMAN'::stage_type, '{}'::jsonb from w`);
      await migrate(database.db);
      const [row] = rowsOf<{ version: number; source: string; definition: { stages: Record<string, unknown>[] } }>(
        await database.db.execute(sql`select version, source, definition from workflow_versions`),
      );
      expect(row).toMatchObject({ version: 3, source: "create" });
      expect(row!.definition.stages).toEqual([
        expect.objectContaining({ name: "Inbox", type: "HUMAN", wipLimit: null, agentTargetPath: "", taskGraph: null }),
        expect.objectContaining({ name: "Review", wipLimit: 2, agentPrompt: "Check it", agentTargetPath: ".", agentAutoApply: false }),
      ]);
    });

    it("names a failing migration and leaves the database as it was", async () => {
      database = await createTestDatabase(driver, { migrate: false });
      const before = await tables(database);
      const err = await migrate(database.db, foldersWithBrokenMigration()).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/^Migration 9999_broken failed: .*no_such_table/);
      expect(await tables(database)).toEqual(before);
      // The good migrations still apply once the broken one is gone.
      expect(await migrate(database.db)).toEqual(allTags);
    });
  });
}
