import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The embedded data folder: `TANDEM_DATA_DIR`, or `.tandem/` in the working directory. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.TANDEM_DATA_DIR ?? ".tandem");
  mkdirSync(dir, { recursive: true });
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock between processes, and two writers on one folder silently lose data.
 * Take a pid lock file or refuse with a message that says who holds it.
 */
export function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, "pglite.lock");
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${pid}. ` +
          "Stop that process first, or point DATABASE_URL at PostgreSQL to run several processes.",
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (readFileSync(lockFile, "utf8").trim() === String(process.pid)) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
}
