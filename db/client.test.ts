import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite, openPostgres } from "./client";

describe("opening databases", () => {
  it("names the host and what to check when PostgreSQL cannot be reached", async () => {
    const err = await openPostgres("postgres://tandem:secret-pw@127.0.0.1:1/tandem").catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toContain("Cannot reach PostgreSQL at 127.0.0.1:1/tandem");
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain("secret-pw");
  });

  it("does not echo a DATABASE_URL it cannot parse, which may hold a password", async () => {
    const err = await openPostgres("postgres://me:hunter2@[bad-host/db").catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe("DATABASE_URL is not a valid URL. Expected postgres://user:password@host:5432/database.");
  });

  it("refuses a PGlite folder that another live process holds", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tandem-lock-"));
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(path.join(dir, "pglite.lock"), String(holder.pid));
      await expect(openPglite(path.join(dir, "pgdata"))).rejects.toThrow(`in use by process ${holder.pid}`);
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that is gone, and releases it on close", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tandem-lock-"));
    writeFileSync(path.join(dir, "pglite.lock"), "999999999");
    const database = await openPglite(path.join(dir, "pgdata"));
    await database.close();
    const again = await openPglite(path.join(dir, "pgdata"));
    await again.close();
  });
});
